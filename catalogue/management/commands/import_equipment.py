"""``manage.py import_equipment FILE.csv [--dry-run]``: onboard equipment and units from CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.importer import import_equipment_csv


class Command(BaseCommand):
    help = (
        "Create and update equipment and units from a CSV file (layout: docs/import_equipment.md). "
        "All or nothing: a file with any error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file, UTF-8, comma or semicolon separated.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but save nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            with file.open("rb") as handle:
                # No actor: the command is run by an operator with full rights.
                result = import_equipment_csv(file=handle, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror})
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error.describe())
            count = len(result.errors)
            raise CommandError(
                ngettext("%(count)s error; nothing was imported.", "%(count)s errors; nothing was imported.", count)
                % {"count": count}
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
