"""Sign-up attacks: reviving a deactivated account, and telling registered addresses by timing."""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from tests.factories import EmailDomainFactory
from videnscenter import services
from videnscenter.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "sikker-adgangskode-2026"


def signup(client, committing, email):
    data = {"email": email, "first_name": "Sara", "last_name": "Møller", "password1": PASSWORD, "password2": PASSWORD}
    return committing(client.post, reverse("accounts:signup"), data)


def activation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/aktiver/\S+)", message.body).group(1)


def follow_activation(client, committing, link):
    """What a person does with the link: open it, then press the button."""
    response = client.get(link, follow=True)
    return committing(client.post, response.redirect_chain[-1][0] if response.redirect_chain else link)


@pytest.fixture
def domain(school):
    return EmailDomainFactory(organisation=school, domain="kildebakken.example")


def deactivate(user):
    """What staff do in the users admin."""
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_a_deactivated_account_cannot_sign_up_again_to_reactivate(client, committing, domain, teacher):
    deactivate(teacher)
    signup(client, committing, teacher.email)
    teacher.refresh_from_db()
    assert not teacher.is_active
    assert "/konto/aktiver/" not in mail.outbox[-1].body  # only the "you already have an account" note


def test_an_old_activation_link_does_not_revive_a_deactivated_account(client, committing, domain):
    signup(client, committing, "sara@kildebakken.example")
    link = activation_link(mail.outbox[-1])
    follow_activation(client, committing, link)
    user = User.objects.get(email="sara@kildebakken.example")
    assert user.is_active
    client.logout()
    deactivate(user)
    follow_activation(client, committing, link)
    user.refresh_from_db()
    assert not user.is_active
    assert "_auth_user_id" not in client.session


def test_a_deactivated_account_stays_so_even_with_a_freshly_made_token(domain, teacher):
    from videnscenter.tokens import activation_token

    deactivate(teacher)
    with pytest.raises(services.ServiceError):
        services.signup_activate(user=teacher, token=activation_token.make_token(teacher))
    teacher.refresh_from_db()
    assert not teacher.is_active


def test_a_signup_never_confirmed_gets_a_fresh_link(client, committing, domain):
    signup(client, committing, "sara@kildebakken.example")
    signup(client, committing, "Sara@Kildebakken.example")
    link = activation_link(mail.outbox[-1])
    follow_activation(client, committing, link)
    assert User.objects.get(email="sara@kildebakken.example").is_active


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


def test_signup_does_the_same_hashing_whether_or_not_the_address_exists(client, committing, domain, teacher, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0
    signup(client, committing, teacher.email)
    existing_calls, existing_mails = CountingHasher.calls, len(mail.outbox)
    CountingHasher.calls = 0
    signup(client, committing, "ny@kildebakken.example")
    assert CountingHasher.calls == existing_calls == 1
    assert len(mail.outbox) - existing_mails == existing_mails == 1
