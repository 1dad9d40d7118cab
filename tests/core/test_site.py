"""The public shell: home page, navigation, language, error pages, admin access."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_danish_and_accessible(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<header" in html and "<nav" in html and "<main" in html and "<footer" in html
    assert 'aria-label="Hovednavigation"' in html
    assert "Log ind" in html
    assert 'name="viewport"' in html


def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html and "Skip to content" in html
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def test_logged_in_person_sees_profile_and_log_out(client, teacher):
    client.force_login(teacher)
    html = client.get("/").content.decode()
    assert reverse("accounts:profile") in html
    assert "Log ud" in html
    assert "/admin/" not in html


def test_staff_see_the_administration_link(client, staff):
    client.force_login(staff)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_missing_page_is_a_danish_404(client):
    response = client.get("/findes/ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi kan ikke finde siden" in html
    assert '<html lang="da">' in html


@pytest.mark.urls("tests.core.error_urls")
def test_server_error_page_is_danish_and_has_no_traceback():
    response = Client(raise_request_exception=False).get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Der gik noget galt" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_tampered_form_gets_a_danish_403_and_changes_nothing(teacher):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": teacher.email, "password": "x"})
    assert response.status_code == 403
    assert "Formularen kunne ikke sendes" in response.content.decode()


def test_admin_is_in_danish_for_staff(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()


def test_teachers_are_kept_out_of_the_admin(client, teacher):
    client.force_login(teacher)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_danish_even_when_the_browser_asks_for_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in html
    assert "Gå til indhold" in html


def test_centre_staff_manage_organisations_in_the_admin_teachers_cannot(client, staff, teacher, school):
    client.force_login(staff)
    response = client.get("/admin/organisation/")
    assert response.status_code == 200
    assert school.name in response.content.decode()
    client.force_login(teacher)
    assert client.get("/admin/organisation/").status_code == 302


def test_admin_login_is_throttled_too(client, staff):
    for _ in range(5):
        client.post("/admin/login/", {"username": staff.email, "password": "forkert"})
    response = client.post("/admin/login/", {"username": staff.email, "password": "en-god-adgangskode-42"})
    assert response.status_code == 429
