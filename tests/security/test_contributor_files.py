"""Coordinators (contributors) add their own images and documents, but cannot touch the centres'.

The attack: a school coordinator opens a centre's equipment manual in the admin and replaces
its file (or deletes it). Migration cms/0005 takes "change" on all files away from the group.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "#0b5c63").save(buffer, "PNG")
    return buffer.getvalue()


def manual(owner) -> Document:
    return Document.objects.create(
        title="Brugsanvisning loftlift", file=ContentFile(b"%PDF-1.4 manual", name="manual.pdf"), uploaded_by_user=owner
    )


def photo(owner) -> Image:
    return Image.objects.create(
        title="Loftlift", file=ContentFile(png(), name="loftlift.png"), uploaded_by_user=owner, description="En lift"
    )


def test_coordinator_cannot_replace_or_delete_a_centres_manual(client, coordinator, staff):
    document = manual(staff)
    client.force_login(coordinator)
    evil = SimpleUploadedFile("manual.pdf", b"%PDF-1.4 evil", content_type="application/pdf")
    client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Hacket", "file": evil})
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    document.refresh_from_db()
    assert document.title == "Brugsanvisning loftlift"
    assert document.file.read() == b"%PDF-1.4 manual"


def test_coordinator_cannot_replace_or_delete_a_centres_image(client, coordinator, staff):
    image = photo(staff)
    client.force_login(coordinator)
    client.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "Hacket", "description": "x"})
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    image.refresh_from_db()
    assert image.title == "Loftlift"


def test_coordinator_adds_and_edits_their_own_document(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("opgave.pdf", b"%PDF-1.4 opgave", content_type="application/pdf")
    assert client.post(reverse("wagtaildocs:add"), {"title": "Opgave", "file": upload}).status_code == 302
    document = Document.objects.get(title="Opgave")
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Opgave 2"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Opgave 2"


def test_coordinator_may_still_choose_the_centres_files_for_a_draft(client, coordinator, staff):
    document = manual(staff)
    client.force_login(coordinator)
    response = client.get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert document.title in response.content.decode()


def test_centre_staff_still_change_every_file(client, staff, coordinator):
    document = manual(coordinator)
    client.force_login(staff)
    assert client.post(reverse("wagtaildocs:edit", args=[document.pk]), {"title": "Rettet"}).status_code == 302
    document.refresh_from_db()
    assert document.title == "Rettet"
