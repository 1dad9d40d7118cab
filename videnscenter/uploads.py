"""What may be uploaded as a document, and how every upload is served.

- Only the document types the centres use are accepted (``settings.WAGTAILDOCS_EXTENSIONS``:
  PDF, office formats, images, captions), and the file's first bytes must match its extension: a page of
  HTML renamed to ``manual.pdf`` is refused (``DocumentForm``, the base of Wagtail's forms).
- ``UploadHeadersMiddleware`` serves everything under ``MEDIA_URL`` (uploads in development)
  and ``/dokumenter/`` (Wagtail's document view) as an attachment, with ``nosniff`` and a
  sandboxing CSP, so an uploaded file can never run as a page of this site. Production serves
  ``MEDIA_URL`` from the web server with the same headers (README, "Security").
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls and .ppt
ZIP = b"PK\x03\x04"
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
UPLOAD_CSP = "default-src 'none'; sandbox"


def _zip_names(data: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _odf_type(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return b""


def _text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def content_matches(extension: str, data: bytes) -> bool:
    """Whether ``data`` (the whole file) is what ``extension`` says it is."""
    extension = extension.lower()
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension in {"doc", "xls", "ppt"}:
        return data.startswith(OLE2)
    if extension in OOXML_PARTS:
        names = _zip_names(data) if data.startswith(ZIP) else None
        return (
            bool(names) and "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[extension]) for n in names)
        )
    if extension in ODF_TYPES:
        return data.startswith(ZIP) and _odf_type(data) == ODF_TYPES[extension]
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return data.startswith(b"\xff\xd8\xff")
    if extension == "gif":
        return data.startswith((b"GIF87a", b"GIF89a"))
    if extension == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if extension == "vtt":
        text = _text(data)
        return text is not None and text.startswith("WEBVTT")
    if extension == "srt":
        text = _text(data)
        return text is not None and "-->" in text
    return False


def check_document(upload) -> None:
    """Refuse a file whose type is not allowed or whose content does not match its extension."""
    name = getattr(upload, "name", "") or ""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.") % {"types": ", ".join(allowed)},
            code="file_type",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not content_matches(extension, data):
        raise ValidationError(
            _("The file's content is not a .%(extension)s file. Save it in that format and upload it again.")
            % {"extension": extension},
            code="file_content",
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the type and content check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the file already stored
            check_document(upload)
        return upload


class UploadHeadersMiddleware:
    """Every upload is a download: attachment, ``nosniff`` and a CSP that sandboxes it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = (settings.MEDIA_URL, "/dokumenter/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefixes) and response.status_code == 200:
            disposition = response.get("Content-Disposition", "")
            if not disposition.startswith("attachment"):
                filename = disposition.partition(";")[2].strip()
                response["Content-Disposition"] = "attachment" + (f"; {filename}" if filename else "")
            response["X-Content-Type-Options"] = "nosniff"
            response["Content-Security-Policy"] = UPLOAD_CSP
        return response


def development_urlpatterns() -> list:
    """Serve ``MEDIA_ROOT`` under ``MEDIA_URL`` (development only; the middleware adds the headers)."""
    from django.urls import re_path
    from django.views.static import serve

    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
