"""Wagtail admin pages that import YouTube videos from CSV (see ``videnscenter.helpers.csv_admin``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from videnscenter.helpers.csv_admin import import_views

from .importer import COLUMNS, EXAMPLE_CSV, MAX_ROWS, import_videos_csv

# Coordinators may import too: their videos become drafts, and the importer refuses them publishing.
PERMISSION = "media.add_video"

import_view, example_view = import_views(
    permission=PERMISSION,
    run_import=import_videos_csv,
    template="media/admin/import.html",
    title=_("Import YouTube videos"),
    columns=COLUMNS,
    max_rows=MAX_ROWS,
    example_csv=EXAMPLE_CSV,
    example_filename="videoer-eksempel.csv",
)


def admin_urls() -> list:
    """URL patterns for the ``register_admin_urls`` hook (relative to the admin's root)."""
    return [
        path("videoer/import/", import_view, name="media_import"),
        path("videoer/import/eksempel.csv", example_view, name="media_import_example"),
    ]
