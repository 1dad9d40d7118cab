"""``manage.py import_equipment FILE.csv [--dry-run]``: onboard equipment and units from CSV."""

from catalogue.importer import ImportResult, import_equipment_csv
from videnscenter.helpers.csv_import import ImportCommand


class Command(ImportCommand):
    help = (
        "Create and update equipment and units from a CSV file (layout: docs/import_equipment.md). "
        "All or nothing: a file with any error changes nothing."
    )

    def run_import(self, file, *, dry_run: bool) -> ImportResult:
        # No actor: the command is run by an operator with full rights.
        return import_equipment_csv(file=file, dry_run=dry_run)
