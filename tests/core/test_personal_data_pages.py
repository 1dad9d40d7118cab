"""A person's own data pages and the staff's erasure pages, as each role that uses (or tries) them."""

import json

import pytest
from django.urls import reverse

from booking import services as booking_services
from tests.conftest import member
from tests.factories import UserFactory
from videnscenter.models import AnonymisationRecord, ErasureRequest, Role, User

from . import privacy_helpers
from .privacy_helpers import MON

pytestmark = pytest.mark.django_db


def book(person, school, lift, note):
    return privacy_helpers.book(person, school, lift, days=1, note=note)


@pytest.fixture
def colleague(school):
    return member(school, Role.TEACHER, email="kollega@kildebakken.example", first_name="Kollega")


def login(client, user):
    client.force_login(user)
    return client


# --- the person's own data ------------------------------------------------------------------------


def test_my_data_shows_my_records_and_not_a_colleagues(client, teacher, colleague, school, lift):
    mine = book(teacher, school, lift, "Min egen note")
    theirs = book(colleague, school, lift, "Kollegaens note")
    html = login(client, teacher).get(reverse("accounts:my_data")).content.decode()
    assert teacher.email in html and mine.reference in html and "Min egen note" in html
    assert colleague.email not in html and theirs.reference not in html and "Kollegaens note" not in html


def test_my_data_downloads_as_json_with_only_my_records(client, teacher, colleague, school, lift):
    mine = book(teacher, school, lift, "Min egen note")
    theirs = book(colleague, school, lift, "Kollegaens note")
    response = login(client, teacher).get(reverse("accounts:my_data_json"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    sections = {section["key"]: section for section in data["sections"]}
    assert sections["account"]["records"][0]["email"] == teacher.email
    assert [b["reference"] for b in sections["bookings"]["records"]] == [mine.reference]
    assert sections["bookings"]["records"][0]["note"] == "Min egen note"
    assert theirs.reference not in response.content.decode() and colleague.email not in response.content.decode()


@pytest.mark.parametrize("name", ["accounts:my_data", "accounts:my_data_json"])
def test_my_data_needs_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_profile_links_to_my_data(client, teacher):
    assert reverse("accounts:my_data") in login(client, teacher).get(reverse("accounts:profile")).content.decode()


def test_asking_to_be_erased_needs_the_box_ticked(client, teacher):
    login(client, teacher).post(reverse("accounts:erasure_request"))
    assert not ErasureRequest.objects.exists()
    client.post(reverse("accounts:erasure_request"), {"confirm": "yes"})
    assert ErasureRequest.objects.get().user == teacher
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("accounts:erasure_withdraw") in html


def test_a_person_can_withdraw_their_request(client, teacher):
    login(client, teacher).post(reverse("accounts:erasure_request"), {"confirm": "yes"})
    client.post(reverse("accounts:erasure_withdraw"))
    assert not ErasureRequest.objects.exists()


def test_asking_to_be_erased_only_by_post(client, teacher):
    assert login(client, teacher).get(reverse("accounts:erasure_request")).status_code == 405
    assert not ErasureRequest.objects.exists()


# --- the staff's pages --------------------------------------------------------------------------------


def test_staff_see_requests_of_their_centres_people_only(client, teacher, staff, other_school):
    stranger = member(other_school, Role.TEACHER, email="fremmed@klitrosen.example")
    for person in (teacher, stranger):
        ErasureRequest.objects.create(user=person)
    html = login(client, staff).get(reverse("privacy_admin:index")).content.decode()
    assert teacher.email in html and stranger.email not in html


def test_staff_search_finds_only_their_centres_people(client, teacher, staff, other_school):
    member(other_school, Role.TEACHER, email="fremmed@klitrosen.example")
    html = login(client, staff).get(reverse("privacy_admin:index"), {"q": "example"}).content.decode()
    assert teacher.email in html and "fremmed@klitrosen.example" not in html


def test_staff_of_the_persons_centre_erase_them_from_the_admin(client, teacher, staff, school, lift):
    booking = book(teacher, school, lift, "Note")
    login(client, staff)
    page = client.get(reverse("privacy_admin:person", args=[teacher.pk]))
    assert page.status_code == 200 and teacher.email in page.content.decode()
    response = client.post(reverse("privacy_admin:anonymise", args=[teacher.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=teacher.pk).exists()
    booking.refresh_from_db()
    assert booking.requester is None and booking.note == ""
    log = client.get(reverse("privacy_admin:log")).content.decode()
    assert AnonymisationRecord.objects.get().get_reason_display() in log and teacher.email not in log


def test_the_admin_erasure_needs_the_box_ticked(client, teacher, staff):
    login(client, staff).post(reverse("privacy_admin:anonymise", args=[teacher.pk]))
    assert User.objects.filter(pk=teacher.pk).exists()


@pytest.mark.parametrize("who", ["other_staff", "coordinator", "leader"])
def test_others_cannot_open_or_use_the_erasure_page(client, request, teacher, who):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("privacy_admin:person", args=[teacher.pk])).status_code in (302, 403)
    assert client.post(reverse("privacy_admin:anonymise", args=[teacher.pk]), {"confirm": "yes"}).status_code in (
        302,
        403,
    )
    assert User.objects.filter(pk=teacher.pk).exists()


def test_a_teacher_cannot_reach_the_staff_pages(client, teacher, colleague):
    login(client, teacher)
    for url in (reverse("privacy_admin:index"), reverse("privacy_admin:person", args=[colleague.pk])):
        assert client.get(url).status_code in (302, 403)
    client.post(reverse("privacy_admin:anonymise", args=[colleague.pk]), {"confirm": "yes"})
    assert User.objects.filter(pk=colleague.pk).exists()


def test_equipment_on_loan_is_explained_and_nothing_is_erased(client, teacher, staff, school, lift):
    booking = book(teacher, school, lift, "Note")
    booking_services.booking_approve(actor=staff, booking=booking)
    booking_services.booking_hand_out(actor=staff, booking=booking, today=MON)
    html = login(client, staff).get(reverse("privacy_admin:person", args=[teacher.pk])).content.decode()
    assert booking.reference in html
    client.post(reverse("privacy_admin:anonymise", args=[teacher.pk]), {"confirm": "yes"})
    assert User.objects.filter(pk=teacher.pk).exists()


def test_a_superuser_finds_the_erase_button_in_wagtails_user_list(client, teacher):
    admin = UserFactory(is_superuser=True, is_staff=True)
    html = login(client, admin).get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("privacy_admin:person", args=[teacher.pk]) in html
    assert reverse("privacy_admin:person", args=[admin.pk]) not in html


def test_an_erased_booking_still_shows_to_its_school_and_centre(client, teacher, staff, coordinator, school, lift):
    booking = book(teacher, school, lift, "Note")
    login(client, staff).post(reverse("privacy_admin:anonymise", args=[teacher.pk]), {"confirm": "yes"})
    assert client.get(reverse("booking_admin:detail", args=[booking.reference])).status_code == 200
    login(client, coordinator)
    assert client.get(reverse("booking:detail", args=[booking.reference])).status_code == 200
