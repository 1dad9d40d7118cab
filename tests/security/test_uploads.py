"""Uploaded documents: only allowed types, content matching the extension, always served as downloads."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from videnscenter.uploads import UPLOAD_CSP, content_matches

pytestmark = pytest.mark.django_db
Document = get_document_model()
HTML = b"<html><script>fetch('/konto/profil/').then(r => r.text()).then(alert)</script></html>"


def office(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


@pytest.mark.parametrize(
    ("extension", "data", "ok"),
    [
        ("pdf", b"%PDF-1.7\n...", True),
        ("pdf", HTML, False),
        ("docx", DOCX, True),
        ("docx", office({"evil.html": HTML}), False),
        ("xlsx", DOCX, False),
        ("odt", ODT, True),
        ("ods", ODT, False),
        ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", True),
        ("png", b"\x89PNG\r\n\x1a\nrest", True),
        ("jpg", b"GIF89a", False),
        ("vtt", b"\xef\xbb\xbfWEBVTT\n\n00:00.000 --> 00:01.000\nHej", True),
        ("srt", b"1\n00:00:00,000 --> 00:00:01,000\nHej\n", True),
        ("srt", b"\x00\x01binary", False),
    ],
)
def test_content_must_match_the_extension(extension, data, ok):
    assert content_matches(extension, data) is ok


def upload(client, name, data):
    return client.post(reverse("wagtaildocs:add"), {"title": name, "file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("name", "data"), [("manual.pdf", HTML), ("side.html", HTML), ("program.exe", b"MZ\x90\x00"), ("svg.svg", HTML)]
)
def test_staff_cannot_upload_other_types_or_disguised_files(client, staff, name, data):
    client.force_login(staff)
    response = upload(client, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_the_multiple_upload_checks_content_too(client, staff):
    client.force_login(staff)
    response = client.post(reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile("m.pdf", HTML)})
    assert response.json()["success"] is False
    assert not Document.objects.exists()


def test_real_documents_are_accepted(client, staff):
    client.force_login(staff)
    assert upload(client, "manual.pdf", b"%PDF-1.4 manual").status_code == 302
    assert upload(client, "opgave.docx", DOCX).status_code == 302
    assert Document.objects.count() == 2


def test_documents_are_always_downloads_with_nosniff_and_a_sandbox(client):
    document = Document.objects.create(title="Manual", file=ContentFile(b"%PDF-1.4 manual", name="manual.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "manual.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == UPLOAD_CSP


@pytest.mark.urls("tests.security.dev_urls")
def test_development_serves_uploads_as_sandboxed_downloads(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "side.html").write_bytes(HTML)
    response = client.get("/uploads/documents/side.html")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
