"""Images need alt text: the admin refuses an upload without a description."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0b5c63").save(buffer, "PNG")
    return SimpleUploadedFile("lift.png", buffer.getvalue(), content_type="image/png")


def test_an_image_without_alt_text_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(reverse("wagtailimages:add"), {"title": "Loftlift", "file": _png()})
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert "alt" in response.content.decode().lower()


def test_an_image_with_alt_text_is_saved_and_used_as_alt(client, staff):
    client.force_login(staff)
    data = {"title": "IMG_2041", "description": "En loftlift over en seng", "file": _png()}
    assert client.post(reverse("wagtailimages:add"), data).status_code == 302
    image = get_image_model().objects.get()
    assert image.default_alt_text == "En loftlift over en seng"
