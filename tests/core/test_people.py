"""How people get in: invitations, sign-up with a school address, confirmation, appointment."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import EmailDomainFactory
from videnscenter import rules, services
from videnscenter.errors import ServiceError
from videnscenter.models import Invitation, Membership, Role, User
from videnscenter.tokens import hash_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "sikker-adgangskode-2026"


def link_in(message, prefix):
    return re.search(rf"https?://[^/\s]+({prefix}\S+)", message.body).group(1)


def open_link(client, link):
    """Follow an e-mailed link: it keeps the token in the session and redirects to a page without it."""
    response = client.get(link)
    assert response.status_code == 302 and response["Referrer-Policy"] == "no-referrer"
    assert link.rstrip("/").rsplit("/", 1)[1] not in response.url
    return response.url


def invite(client, committing, coordinator, school, email="ny.laerer@kildebakken.example"):
    client.force_login(coordinator)
    committing(client.post, reverse("accounts:organisation_invite", args=[school.slug]), {"invite-email": email})
    client.logout()
    return link_in(mail.outbox[-1], "/konto/invitation/")


def test_coordinator_invites_a_teacher_who_sets_a_password_and_can_book(client, committing, coordinator, school):
    url = open_link(client, invite(client, committing, coordinator, school))
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"first_name": "Nina", "last_name": "Berg", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny.laerer@kildebakken.example")
    assert user.check_password(NEW_PASSWORD)
    assert rules.allowed(user, "organisation.book", school)


def test_invitation_link_is_single_use(client, committing, coordinator, school):
    url = invite(client, committing, coordinator, school)
    data = {"first_name": "Nina", "last_name": "Berg", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(open_link(client, url), data).status_code == 302
    client.logout()
    again = client.post(url, data)
    assert again.status_code == 404
    assert "kan ikke bruges" in again.content.decode()
    assert User.objects.filter(email="ny.laerer@kildebakken.example").count() == 1


def test_expired_invitation_is_refused(client, committing, coordinator, school):
    url = invite(client, committing, coordinator, school)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(url).status_code == 404


def test_revoked_invitation_is_refused(client, committing, coordinator, school):
    url = invite(client, committing, coordinator, school)
    client.force_login(coordinator)
    revoke = reverse("accounts:invitation_revoke", args=[Invitation.objects.get().pk])
    assert client.get(revoke).status_code == 200  # first: what happens
    client.post(revoke, {"bekraeftet": "1"})
    client.logout()
    assert client.get(url).status_code == 404


def test_only_a_hash_of_the_invitation_token_is_stored(client, committing, coordinator, school):
    url = invite(client, committing, coordinator, school)
    token = url.rstrip("/").rsplit("/", 1)[1]
    stored = Invitation.objects.get()
    assert stored.token_hash == hash_token(token)
    assert token not in stored.token_hash


def test_made_up_invitation_token_gives_a_danish_404(client):
    response = client.get(reverse("accounts:invitation_link", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "kan ikke bruges" in response.content.decode()


def test_weak_password_is_refused_with_a_danish_message_and_nothing_is_created(client, committing, coordinator, school):
    url = open_link(client, invite(client, committing, coordinator, school))
    response = client.post(url, {"first_name": "N", "last_name": "B", "password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert "for kort" in response.content.decode()
    assert not User.objects.filter(email="ny.laerer@kildebakken.example").exists()
    assert Invitation.objects.get().accepted_at is None


def test_teacher_cannot_invite(client, teacher, school):
    client.force_login(teacher)
    response = client.post(reverse("accounts:organisation_invite", args=[school.slug]), {"invite-email": "x@y.dk"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_coordinator_cannot_invite_to_another_school(client, coordinator, other_school):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:organisation_invite", args=[other_school.slug]), {"invite-email": "x@y.dk"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitation_email_is_not_sent_when_the_transaction_rolls_back(coordinator, school, committing):
    def invite_then_fail():
        with transaction.atomic():
            services.invitation_create(actor=coordinator, organisation=school, email="a@b.dk")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        committing(invite_then_fail)
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_coordinator_page_is_refused_to_teachers_and_other_coordinators(
    client, teacher, other_coordinator, coordinator, school
):
    url = reverse("accounts:organisation", args=[school.slug])
    client.force_login(teacher)
    assert client.get(url).status_code == 403
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


# --- sign-up with a school address ---


def signup(client, committing, email, password=NEW_PASSWORD):
    return committing(
        client.post,
        reverse("accounts:signup"),
        {"email": email, "first_name": "Sara", "last_name": "Møller", "password1": password, "password2": password},
    )


def test_signup_with_school_domain_needs_email_confirmation_then_coordinator(client, committing, school, coordinator):
    EmailDomainFactory(organisation=school, domain="kildebakken.example")
    response = signup(client, committing, "Sara@Kildebakken.example")
    assert response.status_code == 200
    user = User.objects.get(email="sara@kildebakken.example")
    assert not user.is_active
    activation = open_link(client, link_in(mail.outbox[-1], "/konto/aktiver/"))

    # A mail scanner following the link must not activate the account.
    assert client.get(activation).status_code == 200
    user.refresh_from_db()
    assert not user.is_active

    assert committing(client.post, activation).status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert not rules.allowed(user, "organisation.book", school)
    assert mail.outbox[-1].to == [coordinator.email]

    client.force_login(coordinator)
    membership = Membership.objects.get(user=user)
    client.post(reverse("accounts:membership_confirm", args=[membership.pk]))
    user = User.objects.get(pk=user.pk)
    assert rules.allowed(user, "organisation.book", school)


def test_activation_link_works_once(client, committing, school):
    EmailDomainFactory(organisation=school, domain="kildebakken.example")
    signup(client, committing, "sara@kildebakken.example")
    link = link_in(mail.outbox[-1], "/konto/aktiver/")
    client.post(open_link(client, link))
    client.logout()
    response = client.post(open_link(client, link))
    assert response.status_code == 404
    assert "ugyldigt eller allerede brugt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup_with_unknown_domain_is_refused_in_danish(client, committing, school):
    response = signup(client, committing, "sara@gmail.com")
    assert response.status_code == 200
    assert "Ingen skole har registreret" in response.content.decode()
    assert not User.objects.filter(email="sara@gmail.com").exists()


def test_signup_with_existing_address_reveals_nothing_and_changes_nothing(client, committing, teacher, school):
    EmailDomainFactory(organisation=school, domain="kildebakken.example")
    old_hash = teacher.password
    response = signup(client, committing, teacher.email)
    assert response.status_code == 200
    assert "Tjek din e-mail" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.password == old_hash
    assert "allerede en konto" in mail.outbox[-1].subject


def test_signup_with_mismatched_passwords_is_refused(client, school):
    EmailDomainFactory(organisation=school, domain="kildebakken.example")
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "a@kildebakken.example",
            "first_name": "A",
            "last_name": "B",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assert "ikke ens" in response.content.decode()
    assert not User.objects.filter(email="a@kildebakken.example").exists()


def test_coordinator_of_another_school_cannot_confirm_or_reject(client, other_coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    client.force_login(other_coordinator)
    assert client.post(reverse("accounts:membership_confirm", args=[membership.pk])).status_code == 403
    assert client.post(reverse("accounts:membership_remove", args=[membership.pk])).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_confirming_twice_says_so_instead_of_failing(client, coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    client.force_login(coordinator)
    client.post(reverse("accounts:membership_confirm", args=[membership.pk]))
    response = client.post(reverse("accounts:membership_confirm", args=[membership.pk]), follow=True)
    assert response.status_code == 200
    assert "allerede godkendt" in response.content.decode()


def test_coordinator_rejects_a_pending_teacher(client, coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    client.force_login(coordinator)
    url = reverse("accounts:membership_remove", args=[membership.pk])
    assert str(pending_teacher) in client.get(url).content.decode()  # first: who, and what happens
    client.post(url)
    assert Membership.objects.filter(pk=membership.pk).exists()  # one click is not enough
    client.post(url, {"bekraeftet": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_another_schools_coordinator_gets_no_confirmation_page(client, other_coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    client.force_login(other_coordinator)
    url = reverse("accounts:membership_remove", args=[membership.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"bekraeftet": "1"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- coordinators are appointed by centre staff ---


def test_staff_appoint_existing_teacher_as_coordinator(client, staff, teacher, school):
    client.force_login(staff)
    client.post(reverse("accounts:organisation_appoint", args=[school.slug]), {"appoint-email": teacher.email})
    assert Membership.objects.filter(user=teacher, role=Role.COORDINATOR, status="confirmed").exists()


def test_staff_appoint_new_person_by_invitation(client, committing, staff, school):
    client.force_login(staff)
    committing(
        client.post, reverse("accounts:organisation_appoint", args=[school.slug]), {"appoint-email": "ny@kommune.dk"}
    )
    invitation = Invitation.objects.get()
    assert invitation.role == Role.COORDINATOR
    assert mail.outbox[-1].to == ["ny@kommune.dk"]


def test_coordinator_cannot_appoint_coordinators(client, coordinator, teacher, school):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:organisation_appoint", args=[school.slug]), {"appoint-email": teacher.email}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=teacher, role=Role.COORDINATOR).exists()


def test_staff_of_another_centre_cannot_appoint(client, other_staff, teacher, school):
    client.force_login(other_staff)
    response = client.post(
        reverse("accounts:organisation_appoint", args=[school.slug]), {"appoint-email": teacher.email}
    )
    assert response.status_code == 403


def test_invalid_email_in_invite_form_gives_a_message(client, committing, coordinator, school):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:organisation_invite", args=[school.slug]), {"invite-email": "ikke en adresse"}, follow=True
    )
    assert response.status_code == 200
    assert "gyldig e-mailadresse" in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_again_is_refused(coordinator, teacher, school):
    with pytest.raises(ServiceError):
        services.invitation_create(actor=coordinator, organisation=school, email=teacher.email)
