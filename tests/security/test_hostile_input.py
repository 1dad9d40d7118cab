"""Hostile and malformed input never produces a server error, for any role, on any form."""

import pytest
from django.test import Client
from django.urls import reverse

from booking import services
from booking.calendar import services as subscriptions
from tests.booking.conftest import TODAY
from tests.factories import MobilePackFactory

pytestmark = pytest.mark.django_db

JUNK = [
    {},
    {"start_date": "'; DROP TABLE booking_booking; --", "end_date": "9999-99-99", "quantity": "-1"},
    {"start_date": "2031-02-30", "end_date": "0001-01-01", "quantity": "1e9", "handover": "x" * 5000},
    {"organisation": "abc", "requester": "999999", "programme": "<script>", "student_count": "NaN"},
    {"email": "a@" + "b" * 300 + ".dk", "invite-email": "\x00", "appoint-email": "@@", "name": "\u202e" * 50},
    {"kind": "centre", "organisation": "-1", "equipment": "0", "bookings": ["B-XXXXXX", "'"], "units": "x"},
    {"damaged_units": ["x"], "old_unit": "1", "new_unit": "'", "reason": "", "note": "n" * 100_000},
    {"q": '"' * 300, "category": "'", "equipment": "\x00", "audience": "x", "sort": "--title", "side": "-1"},
    {"rating": "99", "usable": "<script>", "comment": "c" * 100_000, "when": "x", "type": "x", "status": "x"},
]


@pytest.fixture
def world(teacher, coordinator, staff, school, lift, centre):
    from tests.cms.helpers import material
    from tests.factories import PodcastEpisodeFactory, VideoFactory

    video = VideoFactory(equipment=[lift])
    episode = PodcastEpisodeFactory()
    course = material(centre)
    booking = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=TODAY.replace(day=17),
        end_date=TODAY.replace(day=18),
        today=TODAY,
    )
    pack = MobilePackFactory(owning_centre=centre)
    subscription, _ = subscriptions.subscription_create(owner=teacher, kind="mine")
    ref = booking.reference
    return {
        "public": [
            "/",
            "/udstyr/",
            "/udstyr/pakker/",
            f"/udstyr/{lift.slug}/",
            f"/udstyr/pakke/{pack.slug}/",
            "/popup/",
            "/kalender/popup.ics",
            "/konto/log-ind/",
            "/konto/opret/",
            "/konto/glemt-adgangskode/",
            "/konto/aktiver/MQ/abc/",
            "/konto/invitation/abc/",
            "/sprog/",
            "/videoer/",
            video.get_absolute_url(),
            "/videoer/podcast/",
            episode.get_absolute_url(),
            "/nyheder/",
            "/arrangementer/",
            "/partnere/",
            "/undervisningsmaterialer/",
            course.url,
            reverse("cms:material_download", args=[course.files.first().pk]),
            "/soeg/",
        ],
        "private": [
            "/booking/",
            f"/booking/ny/{lift.slug}/",
            f"/booking/ny/pakke/{pack.slug}/",
            f"/booking/{ref}/",
            f"/booking/{ref}/aendr/",
            f"/booking/{ref}/aflys/",
            "/kalender/",
            "/kalender/ny/",
            f"/kalender/{subscription.pk}/navn/",
            f"/kalender/{subscription.pk}/nyt-link/",
            f"/konto/organisation/{school.slug}/",
            f"/konto/organisation/{school.slug}/inviter/",
            f"/konto/organisation/{school.slug}/koordinator/",
            "/konto/profil/",
            "/konto/adgangskode/",
        ],
        "admin": [
            "/admin/bookinger/",
            "/admin/bookinger/dag/",
            f"/admin/bookinger/{ref}/",
            f"/admin/bookinger/{ref}/approve/",
            f"/admin/bookinger/{ref}/reject/",
            f"/admin/bookinger/{ref}/return/",
            f"/admin/bookinger/{ref}/swap/",
            f"/admin/bookinger/tidslinje/{lift.slug}/",
            "/admin/udstyr/import/",
            "/admin/videoer/import/",
            "/admin/evalueringer/",
        ],
        "users": [teacher, coordinator, staff],
    }


def test_no_server_error_for_junk_anywhere(world):
    clients = [Client()]
    for user in world["users"]:
        client = Client()
        client.force_login(user)
        clients.append(client)
    for client in clients:
        for url in world["public"] + world["private"] + world["admin"]:
            for params in JUNK:
                flat = {k: v for k, v in params.items() if not isinstance(v, list)}
                assert client.get(url, flat).status_code < 500, (url, params)
                assert client.post(url, params).status_code < 500, (url, params)
    assert reverse("booking:list") in world["private"]
