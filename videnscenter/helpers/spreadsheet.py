"""CSV cells that a spreadsheet would run as a formula are written as text.

A comment an anonymous visitor typed ("=HYPERLINK(...)", "+cmd|...", "@SUM(...)") reached staff's
spreadsheet unchanged in every CSV export. Wagtail writes every admin export (list_export of
each viewset, reports, form submissions) through ``SpreadsheetExportMixin.write_csv_row``; its
XLSX export already stores such cells as text, its CSV export did not. ``install`` makes that
one writer escape every cell, so no export can forget it.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# What Excel, LibreOffice and Google Sheets treat as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def escape_formula(value):
    """``value`` unchanged, unless it is text a spreadsheet would evaluate: then with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _escaped_write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: escape_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def install() -> None:
    """Called once from ``VidenscenterConfig.ready``."""
    SpreadsheetExportMixin.write_csv_row = _escaped_write_csv_row
