"""How far ahead a loan can be booked: per equipment, 18 months unless staff say otherwise."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from booking import engine, services
from booking.models import Booking
from booking.workdays import add_months
from catalogue.models import Equipment
from catalogue.selectors import bookable_between
from tests.booking.conftest import TODAY
from tests.factories import MobilePackFactory, put_in_pack
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db


def book(actor, school, item, start, days=2, **kwargs):
    return services.booking_request(
        actor=actor,
        organisation=school,
        start_date=start,
        end_date=start + timedelta(days=days),
        today=TODAY,
        **({"pack": item} if not isinstance(item, Equipment) else {"equipment": item}),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2031, 1, 31), 1, date(2031, 2, 28)),
        (date(2032, 1, 31), 1, date(2032, 2, 29)),
        (date(2031, 8, 31), 18, date(2033, 2, 28)),
        (date(2031, 12, 15), 1, date(2032, 1, 15)),
        (date(2031, 3, 10), -3, date(2030, 12, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_loan_a_hundred_years_ahead_is_refused_with_the_last_possible_day(teacher, school, lift):
    with pytest.raises(ServiceError) as error, override("en"):
        book(teacher, school, lift, date(2131, 3, 10))
    assert "at most 18 months ahead" in error.value.error_dict["end_date"][0].messages[0]
    assert "03.09.2032" in error.value.error_dict["end_date"][0].messages[0]
    assert not Booking.objects.exists()


def test_a_loan_ending_on_the_horizon_is_accepted_one_day_later_is_not(teacher, school, lift):
    last = add_months(TODAY, 18)
    assert book(teacher, school, lift, last - timedelta(days=2)).end_date == last
    with pytest.raises(ServiceError):
        book(teacher, school, lift, last - timedelta(days=1))


def test_each_equipment_has_its_own_horizon(teacher, school, lift):
    lift.booking_horizon_months = 3
    lift.save()
    with pytest.raises(ServiceError):
        book(teacher, school, lift, add_months(TODAY, 3))
    assert book(teacher, school, lift, add_months(TODAY, 3) - timedelta(days=3))


def test_a_pack_takes_the_shortest_horizon_of_its_kinds(teacher, school, lift, centre):
    lift.booking_horizon_months = 2
    lift.save()
    pack = MobilePackFactory(owning_centre=centre)
    put_in_pack(pack, lift.units.first())
    assert engine.rules_for(pack).horizon_months == 2
    with pytest.raises(ServiceError):
        book(teacher, school, pack, add_months(TODAY, 2))


def test_the_free_filter_leaves_out_equipment_beyond_its_horizon(lift):
    far = add_months(TODAY, 18) + timedelta(days=7)
    assert list(bookable_between(Equipment.objects.all(), far, far + timedelta(days=1), today=TODAY)) == []
    near = add_months(TODAY, 18) - timedelta(days=7)
    assert list(bookable_between(Equipment.objects.all(), near, near + timedelta(days=1), today=TODAY)) == [lift]


def test_the_booking_form_explains_the_horizon_and_changes_nothing(client, teacher, lift):
    client.force_login(teacher)
    start = add_months(timezone.localdate(), 19)
    data = {"start_date": start.isoformat(), "end_date": (start + timedelta(days=1)).isoformat()}
    response = client.post(reverse("booking:new", args=[lift.slug]), {**data, "quantity": 1, "handover": "pickup"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_limits_get_a_form_error_not_a_server_error(client, teacher, lift, day):
    client.force_login(teacher)
    data = {"start_date": day, "end_date": day, "quantity": 1, "handover": "pickup"}
    response = client.post(reverse("booking:new", args=[lift.slug]), data)
    assert response.status_code == 200
    assert "start_date" in response.context["form"].errors
    assert not Booking.objects.exists()
