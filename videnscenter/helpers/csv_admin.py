"""The admin side of a CSV import: the upload form and the two views every importer needs.

The URLs are not registered here: each app's ``admin_urls()`` is meant for the
``register_admin_urls`` hook, which also puts the admin's login check in front of them.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .csv_import import csv_download

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


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


def import_views(
    *,
    permission: str,
    run_import: Callable,
    template: str,
    title,
    columns,
    max_rows: int,
    example_csv: str,
    example_filename: str,
) -> tuple[Callable, Callable]:
    """The upload view and the example-file view of one importer, both guarded by ``permission``."""

    def require_permission(request: HttpRequest) -> None:
        if not request.user.has_perm(permission):
            raise PermissionDenied

    def import_view(request: HttpRequest) -> HttpResponse:
        """Upload a CSV file; show its errors, or what was (or with a dry run, would be) saved."""
        require_permission(request)
        form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
        result = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            result = run_import(file=data["file"], actor=request.user, dry_run=data["dry_run"])
        context = {"form": form, "result": result, "columns": columns, "max_rows": max_rows}
        context.update(page_title=str(title), header_title=str(title), header_icon="upload")
        return render(request, template, context)

    def example_view(request: HttpRequest) -> HttpResponse:
        """The example file, with the BOM that makes Excel read it as UTF-8."""
        require_permission(request)
        return csv_download(example_csv, filename=example_filename)

    return import_view, example_view
