"""Wagtail admin pages for uploading equipment and units as CSV.

The URLs are not registered here: ``admin_urls()`` is meant for the
``register_admin_urls`` hook, which also puts the admin's login check in front of them.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer import COLUMNS, EXAMPLE_CSV, MAX_ROWS, import_equipment_csv

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PERMISSION = "catalogue.add_equipment"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, separated by commas or semicolons, at most 5 MB."),
        error_messages={
            "required": gettext_lazy("Choose a CSV file to upload."),
            "empty": gettext_lazy("The file is empty."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file (dry run)"),
        help_text=gettext_lazy("Shows what would be created and updated, without saving anything."),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_("Choose a CSV file, i.e. a file whose name ends in .csv."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s; at most %(max)s can be uploaded. Split it into several files.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        return upload


def _require_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a CSV file; show its errors, or what was (or with a dry run, would be) saved."""
    _require_permission(request)
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = import_equipment_csv(
                file=form.cleaned_data["file"], actor=request.user, dry_run=form.cleaned_data["dry_run"]
            )
    else:
        form = ImportForm()
    title = _("Import equipment")
    return render(
        request,
        "catalogue/admin/import.html",
        {
            "form": form,
            "result": result,
            "columns": COLUMNS,
            "max_rows": MAX_ROWS,
            "page_title": title,
            "header_title": title,
            "header_icon": "upload",
        },
    )


def import_example_view(request: HttpRequest) -> HttpResponse:
    """The example file, with the BOM that makes Excel read it as UTF-8."""
    _require_permission(request)
    response = HttpResponse("\ufeff" + EXAMPLE_CSV, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="udstyr-eksempel.csv"'
    return response


def admin_urls() -> list:
    """URL patterns for the ``register_admin_urls`` hook (relative to the admin's root)."""
    return [
        path("udstyr/import/", import_view, name="catalogue_import"),
        path("udstyr/import/eksempel.csv", import_example_view, name="catalogue_import_example"),
    ]
