"""Logging in and out, password reset, profile, and the login throttle."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_with_email_in_any_case(client, teacher):
    response = login(client, teacher.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:start")  # and from there to the teacher's bookings
    assert client.get(reverse("accounts:profile")).context["user"] == teacher


def test_wrong_password_shows_a_danish_message_and_does_not_log_in(client, teacher):
    response = login(client, teacher.email, "forkert")
    assert response.status_code == 200
    assert "Indtast venligst korrekt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client, teacher):
    wrong_password = login(client, teacher.email, "forkert").context["form"].errors
    unknown = login(client, "ukendt@example.org", "forkert").context["form"].errors
    assert wrong_password == unknown


def test_repeated_failed_logins_are_throttled(client, teacher):
    for _ in range(5):
        login(client, teacher.email, "forkert")
    response = login(client, teacher.email, PASSWORD)
    assert response.status_code == 429
    assert "For mange mislykkede" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttle_is_per_address_so_others_can_still_log_in(client, teacher, coordinator):
    for _ in range(5):
        login(client, teacher.email, "forkert")
    assert login(client, coordinator.email, PASSWORD).status_code == 302


def test_logout_needs_post(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_an_address_exists(client, teacher):
    known = client.post(reverse("accounts:password_reset"), {"email": teacher.email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "ingen@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox] == [[teacher.email]]


def test_password_reset_link_sets_a_new_password_once(client, teacher):
    client.post(reverse("accounts:password_reset"), {"email": teacher.email})
    message = mail.outbox[0]
    assert "Vælg en ny adgangskode" in message.subject
    link = re.search(r"https?://[^/]+(/konto/nulstil/\S+)", message.body).group(1)
    page = client.get(link, follow=True)
    assert page.context["validlink"]
    set_password_url = page.redirect_chain[-1][0]
    new = "helt-ny-adgangskode-2026"
    done = client.post(set_password_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password(new)
    assert client.get(link, follow=True).context["validlink"] is False


def test_profile_lists_organisations_and_roles(client, coordinator, school):
    client.force_login(coordinator)
    response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert school.name in html
    assert "Skolekoordinator" in html
    assert reverse("accounts:organisation", args=[school.slug]) in html


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_inactive_user_cannot_log_in(client):
    user = UserFactory(is_active=False)
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("spell", [str.upper, str.capitalize, lambda e: " " + e, lambda e: e + " ", lambda e: "\t" + e])
def test_lockout_cannot_be_bypassed_with_other_capitals_or_spaces(client, teacher, spell):
    for _ in range(5):
        login(client, teacher.email, "forkert")
    response = login(client, spell(teacher.email), PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_in_other_spellings_count_towards_the_same_lockout(client, teacher):
    email = teacher.email
    for spelling in [email, email.upper(), " " + email, email.title(), email.swapcase()]:
        login(client, spelling, "forkert")
    assert login(client, teacher.email, PASSWORD).status_code == 429
