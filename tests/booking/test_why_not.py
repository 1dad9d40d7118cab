"""The "not available" answer as a teacher meets it: how many are free, book that many instead,
other dates and other equipment that keep what was typed, and suggestions a school can use."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from booking import engine, services
from booking.models import Booking
from booking.workdays import add_working_days
from catalogue.models import Equipment
from tests.booking.conftest import TODAY
from tests.factories import EquipmentFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def start():
    day = add_working_days(timezone.localdate(), 5)
    day += timedelta(days=(7 - day.weekday()) % 7)
    # Keep the test's loans out of the schools' Christmas holidays, whatever day it runs.
    while date(day.year, 12, 14) <= day or day <= date(day.year, 1, 8):
        day += timedelta(days=7)
    return day


def form_data(start, **extra):
    return {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=2)).isoformat(),
        "quantity": 1,
        "handover": "pickup",
        "class_name": "SSA 24B",
        "student_count": "22",
        "note": "Til demensforløbet",
        **extra,
    }


def take(teacher, school, lift, start, quantity):
    return services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        quantity=quantity,
        start_date=start,
        end_date=start + timedelta(days=2),
    )


def test_the_answer_says_how_many_are_free_and_offers_to_book_that_many(client, teacher, school, lift, start):
    take(teacher, school, lift, start, 2)
    client.force_login(teacher)
    url = reverse("booking:new", args=[lift.slug])
    response = client.post(url, form_data(start, quantity=3))
    assert response.context["unavailable"].free == 1 and response.context["unavailable"].total == 3
    html = response.content.decode()
    assert 'class="free-count"' in html and ">1 of 3 " in html.replace("1 af 3", "1 of 3")
    assert response.context["fewer"] == 1
    # The button re-sends everything the teacher typed, with only the number changed.
    fewer = dict(response.context["fewer_values"])
    assert fewer["quantity"] == "1" and fewer["class_name"] == "SSA 24B" and fewer["note"] == "Til demensforløbet"
    assert 'name="quantity" value="1"' in html
    booked = client.post(url, fewer)
    booking = Booking.objects.latest("pk")
    assert booked.status_code == 302 and booked.url == reverse("booking:detail", args=[booking.reference])
    assert (booking.quantity, booking.class_name, booking.student_count, booking.note) == (
        1,
        "SSA 24B",
        22,
        "Til demensforløbet",
    )


def test_no_offer_of_fewer_when_none_are_free(client, teacher, school, lift, start):
    take(teacher, school, lift, start, 3)
    client.force_login(teacher)
    response = client.post(reverse("booking:new", args=[lift.slug]), form_data(start, quantity=2))
    assert response.context["unavailable"].free == 0 and not response.context["fewer"]
    assert "fewer_values" not in response.content.decode() and 'value="0"' not in response.content.decode()


def test_use_these_dates_keeps_quantity_class_students_and_note(client, teacher, school, lift, start):
    take(teacher, school, lift, start, 2)
    client.force_login(teacher)
    url = reverse("booking:new", args=[lift.slug])
    response = client.post(url, form_data(start, quantity=2))
    link = response.context["use_dates_url"]
    query = parse_qs(urlsplit(link).query)
    alternatives = response.context["unavailable"].alternatives
    assert query["start_date"] == [alternatives.next_start.isoformat()]
    form = client.get(link).context["form"]
    values = {name: str(form[name].value()) for name in ("start_date", "end_date", "quantity", "class_name", "note")}
    assert values == {
        "start_date": alternatives.next_start.isoformat(),
        "end_date": alternatives.next_end.isoformat(),
        "quantity": "2",
        "class_name": "SSA 24B",
        "note": "Til demensforløbet",
    }
    assert form["student_count"].value() == "22"


def test_other_equipment_links_keep_the_dates_and_quantity_and_skip_lab_only(client, teacher, school, lift, start):
    mobile = EquipmentFactory(
        name="Mobil lift", slug="mobil-lift", category=lift.category, owning_centre=lift.owning_centre
    )
    lab = EquipmentFactory(
        name="Laboratorielift",
        slug="lab-lift",
        category=lift.category,
        owning_centre=lift.owning_centre,
        placement=Equipment.Placement.LAB_ONLY,
    )
    for equipment in (mobile, mobile, lab):
        UnitFactory(equipment=equipment)
    take(teacher, school, lift, start, 3)
    client.force_login(teacher)
    response = client.post(reverse("booking:new", args=[lift.slug]), form_data(start, quantity=2))
    offered = dict(response.context["other_equipment"])
    assert list(offered) == [mobile]
    query = parse_qs(urlsplit(offered[mobile]).query)
    assert query["start_date"] == [start.isoformat()] and query["quantity"] == ["2"]
    assert query["end_date"] == [(start + timedelta(days=2)).isoformat()]
    assert urlsplit(offered[mobile]).path == reverse("booking:new", args=[mobile.slug])
    assert "Laboratorielift" not in response.content.decode()


def test_lab_only_equipment_is_still_offered_for_lab_only_equipment(lift):
    lift.placement = Equipment.Placement.LAB_ONLY
    lift.save()
    other = EquipmentFactory(category=lift.category, placement=Equipment.Placement.LAB_ONLY)
    UnitFactory(equipment=other)
    monday = date(2031, 3, 10)
    assert engine.free_equipment_like(lift, monday, monday, today=TODAY) == [other]


def test_a_school_week_is_not_suggested_in_the_christmas_holidays(teacher, school, lift):
    monday = date(2031, 12, 15)
    for _ in range(3):
        services.booking_request(
            actor=teacher,
            organisation=school,
            equipment=lift,
            start_date=monday,
            end_date=monday + timedelta(days=4),
            today=date(2031, 11, 3),
        )
    with pytest.raises(engine.NotAvailable) as caught:
        services.booking_request(
            actor=teacher,
            organisation=school,
            equipment=lift,
            start_date=monday,
            end_date=monday + timedelta(days=4),
            today=date(2031, 11, 3),
        )
    alternatives = caught.value.alternatives
    # Not 22–26 December (Christmas holidays), but the first Monday–Friday after them.
    assert (alternatives.next_start, alternatives.next_end) == (date(2032, 1, 5), date(2032, 1, 9))


def test_christmas_holidays_can_be_set(settings):
    from booking.workdays import is_school_holiday, touches_school_holiday

    assert is_school_holiday(date(2031, 12, 24)) and is_school_holiday(date(2032, 1, 1))
    assert not is_school_holiday(date(2031, 12, 19)) and not is_school_holiday(date(2032, 1, 2))
    settings.SCHOOL_CHRISTMAS_HOLIDAYS = ((12, 23), (1, 3))
    assert not is_school_holiday(date(2031, 12, 22)) and is_school_holiday(date(2032, 1, 3))
    assert touches_school_holiday(date(2031, 12, 20), date(2031, 12, 23))


def test_a_loan_asked_for_in_the_holidays_may_be_offered_holiday_days(teacher, school, lift):
    # Whoever asks for Christmas days (a lab over the holidays) is offered the next free days anyway.
    day = date(2031, 12, 22)
    period = engine.next_free_period(
        list(lift.units.values_list("pk", flat=True)), 1, day, 3, engine.rules_for(lift), today=date(2031, 11, 3)
    )
    assert period == (day, day + timedelta(days=2))
