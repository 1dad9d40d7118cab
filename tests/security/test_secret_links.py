"""Secret tokens in URLs: out of the address bar after the first request, no Referer, no access log."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from gunicorn.config import Config

from booking.calendar import services as subscriptions
from tests.factories import EmailDomainFactory
from videnscenter.gunicorn_logging import RedactingLogger
from videnscenter.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db


def link(message, prefix) -> str:
    return re.search(rf"https?://[^/\s]+({prefix}\S+)", message.body).group(1)


def assert_token_leaves_the_url(client, url: str, token: str):
    first = client.get(url)
    assert first["Referrer-Policy"] == "no-referrer"
    assert first.status_code == 302 and token not in first.url
    page = client.get(first.url)
    assert page.status_code == 200 and token not in page.wsgi_request.get_full_path()
    return page


def test_invitation_token_leaves_the_address_bar(client, committing, coordinator, school):
    client.force_login(coordinator)
    committing(client.post, reverse("accounts:organisation_invite", args=[school.slug]), {"invite-email": "a@b.dk"})
    client.logout()
    url = link(mail.outbox[-1], "/konto/invitation/")
    page = assert_token_leaves_the_url(client, url, url.rstrip("/").rsplit("/", 1)[1])
    assert "password1" in page.content.decode()


def test_activation_token_leaves_the_address_bar(client, committing, school):
    EmailDomainFactory(organisation=school, domain="kildebakken.example")
    data = {"email": "sara@kildebakken.example", "first_name": "S", "last_name": "M"}
    committing(
        client.post, reverse("accounts:signup"), data | {"password1": "x-sikker-2026!", "password2": "x-sikker-2026!"}
    )
    url = link(mail.outbox[-1], "/konto/aktiver/")
    assert_token_leaves_the_url(client, url, url.rstrip("/").rsplit("/", 1)[1])


def test_password_reset_token_leaves_the_address_bar(client, committing, teacher):
    committing(client.post, reverse("accounts:password_reset"), {"email": teacher.email})
    url = link(mail.outbox[-1], "/konto/nulstil/")
    assert_token_leaves_the_url(client, url, url.rstrip("/").rsplit("/", 1)[1])


def test_a_feed_answers_with_no_referrer(client, teacher):
    _, raw = subscriptions.subscription_create(owner=teacher, kind="mine")
    response = client.get(reverse("calendar:feed", args=[raw]))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"


def test_ordinary_pages_keep_same_origin_referrers_and_get_a_permissions_policy(client):
    response = client.get("/udstyr/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY
    assert "Server" not in response


@pytest.mark.parametrize(
    "path",
    [
        "/konto/invitation/SECRETTOKEN123/",
        "/konto/aktiver/MQ/SECRETTOKEN123/",
        "/konto/nulstil/MQ/SECRETTOKEN123/",
        "/kalender/feed/SECRETTOKEN123.ics",
    ],
)
def test_gunicorn_access_log_leaves_the_tokens_out(path):
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + "?x=1",
        "PATH_INFO": path,
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://videnscenter.example" + path,
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", "https://videnscenter.example" + path)])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    line = logger.cfg.access_log_format % atoms
    assert "SECRETTOKEN123" not in repr(atoms)
    assert "[skjult]" in line


def test_servers_do_not_announce_their_version():
    import gunicorn
    from django.core.servers.basehttp import ServerHandler, WSGIRequestHandler

    from videnscenter.management.commands.runserver import SERVER_NAME, hide_server_version

    assert gunicorn.SERVER == "gunicorn"  # what gunicorn puts in Server (the version stays in SERVER_SOFTWARE)
    hide_server_version()
    assert WSGIRequestHandler.version_string(None) == ServerHandler.server_software == SERVER_NAME
