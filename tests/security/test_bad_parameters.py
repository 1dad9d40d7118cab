"""Parameters that used to give a 500: NUL characters (PostgreSQL) and dates at the limits."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from booking.models import Booking
from videnscenter.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def anyone(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "path", ["/booking/B-%00X/", "/udstyr/%00/", "/konto/invitation/a%00b/", "/kalender/feed/%00.ics"]
)
def test_nul_in_the_address_is_a_404(anyone, teacher, path):
    anyone.force_login(teacher)
    assert anyone.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/udstyr/", "/soeg/", "/videoer/", "/konto/log-ind/"])
def test_nul_in_a_query_parameter_is_a_400_with_the_danish_page(anyone, path):
    response = anyone.get(path, {"q": "lift\x00", "kategori": "x"})
    assert response.status_code == 400
    assert "Fejl 400" in response.content.decode() or "Error 400" in response.content.decode()


def test_nul_in_a_form_is_refused_and_nothing_is_written(anyone, lift):
    data = {"email": "ny\x00@kildebakken.example", "first_name": "A", "last_name": "B"}
    data |= {"password1": "sikker-adgangskode-2026", "password2": "sikker-adgangskode-2026"}
    before = User.objects.count()
    assert anyone.post(reverse("accounts:signup"), data).status_code == 400
    assert User.objects.count() == before


def test_nul_in_a_booking_form_changes_nothing(anyone, teacher, lift):
    anyone.force_login(teacher)
    data = {"start_date": "2031-03-10", "end_date": "2031-03-11", "quantity": 1, "handover": "pickup", "note": "\x00"}
    assert anyone.post(reverse("booking:new", args=[lift.slug]), data).status_code == 400
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2100-01-01"])
def test_staff_day_list_at_the_limits_shows_today_with_a_message(anyone, staff, day):
    anyone.force_login(staff)
    response = anyone.get(reverse("booking_admin:day"), {"dato": day})
    assert response.status_code == 200
    assert response.context["is_today"]
    assert list(get_messages(response.wsgi_request))


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_staff_timeline_at_the_limits_shows_today_with_a_message(anyone, staff, lift, day):
    anyone.force_login(staff)
    response = anyone.get(reverse("booking_admin:timeline", args=[lift.slug]), {"fra": day})
    assert response.status_code == 200
    assert list(get_messages(response.wsgi_request))


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_catalogue_free_filter_at_the_limits_is_explained(anyone, lift, day):
    response = anyone.get(reverse("catalogue:index"), {"free_from": day, "free_to": day})
    assert response.status_code == 200


def test_deleting_equipment_still_in_use_is_explained_not_a_server_error(anyone, staff, lift):
    anyone.force_login(staff)
    response = anyone.post(reverse("wagtailsnippets_catalogue_equipment:delete", args=[lift.pk]))
    # Wagtail refuses with a message when its reference index already knows the units point here;
    # otherwise the database's refusal reaches the middleware, which explains it.
    assert response.status_code == 409 or (response.status_code == 302 and response.url == "/admin/")
    assert lift.units.count() == 3


def test_an_editor_form_posted_without_its_fields_is_a_400(anyone, staff):
    from tests.cms.helpers import news

    page = news()
    anyone.force_login(staff)
    assert anyone.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "x"}).status_code == 400
    page.refresh_from_db()
    assert page.title == "Ny robot på besøg"
