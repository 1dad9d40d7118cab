"""``manage.py import_videos FILE.csv [--dry-run]``: add YouTube videos to the library from CSV."""

from media.importer import ImportResult, import_videos_csv
from videnscenter.helpers.csv_import import ImportCommand


class Command(ImportCommand):
    help = (
        "Create and update YouTube videos of the library from a CSV file (layout: docs/import_videos.md). "
        "All or nothing: a file with any error changes nothing."
    )

    def run_import(self, file, *, dry_run: bool) -> ImportResult:
        # No actor: the command is run by an operator with full rights, and may publish.
        return import_videos_csv(file=file, dry_run=dry_run)
