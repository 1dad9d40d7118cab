"""Wagtail admin pages for uploading equipment and units as CSV (see ``videnscenter.helpers.csv_admin``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from videnscenter.helpers.csv_admin import import_views

from .importer import COLUMNS, EXAMPLE_CSV, MAX_ROWS, import_equipment_csv

PERMISSION = "catalogue.add_equipment"

import_view, import_example_view = import_views(
    permission=PERMISSION,
    run_import=import_equipment_csv,
    template="catalogue/admin/import.html",
    title=_("Import equipment"),
    columns=COLUMNS,
    max_rows=MAX_ROWS,
    example_csv=EXAMPLE_CSV,
    example_filename="udstyr-eksempel.csv",
)


def admin_urls() -> list:
    """URL patterns for the ``register_admin_urls`` hook (relative to the admin's root)."""
    return [
        path("udstyr/import/", import_view, name="catalogue_import"),
        path("udstyr/import/eksempel.csv", import_example_view, name="catalogue_import_example"),
    ]
