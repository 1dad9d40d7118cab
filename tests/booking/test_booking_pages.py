"""The teacher's and coordinator's booking pages, and that nobody reaches another school's bookings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from booking import history, services
from booking.models import Booking
from booking.workdays import add_working_days
from tests.conftest import member
from videnscenter.models import Role

pytestmark = pytest.mark.django_db


def first_free_monday():
    day = add_working_days(timezone.localdate(), 5)
    return day + timedelta(days=(7 - day.weekday()) % 7)


@pytest.fixture
def start():
    return first_free_monday()


def form_data(start, **extra):
    return {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=2)).isoformat(),
        "quantity": 1,
        "handover": "pickup",
        **extra,
    }


def test_teacher_books_from_the_equipment_page(client, teacher, school, lift, start):
    client.force_login(teacher)
    page = client.get(lift.get_absolute_url())
    assert reverse("booking:new", args=[lift.slug]) in page.content.decode()
    response = client.post(
        reverse("booking:new", args=[lift.slug]), form_data(start, quantity=2, class_name="SSA 24B", student_count=22)
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse("booking:detail", args=[booking.reference])
    assert (booking.requester, booking.organisation, booking.quantity, booking.class_name) == (
        teacher,
        school,
        2,
        "SSA 24B",
    )


def test_unavailable_shows_reasons_and_alternatives(client, teacher, school, lift, start):
    client.force_login(teacher)
    client.post(reverse("booking:new", args=[lift.slug]), form_data(start, quantity=3))
    response = client.post(reverse("booking:new", args=[lift.slug]), form_data(start))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["unavailable"].alternatives.next_start is not None
    assert "L-1" in html and f'href="{response.context["use_dates_url"].replace("&", "&amp;")}"' in html
    assert Booking.objects.count() == 1


def test_bad_input_gives_form_errors_not_an_error_page(client, teacher, lift, start):
    client.force_login(teacher)
    for data in [
        form_data(start, quantity=99),
        form_data(start, start_date="i morgen"),
        form_data(start, end_date=(start - timedelta(days=3)).isoformat()),
        form_data(start, handover="drone"),
    ]:
        response = client.post(reverse("booking:new", args=[lift.slug]), data)
        assert response.status_code == 200 and response.context["form"].errors
    assert not Booking.objects.exists()


def test_pending_teacher_is_told_they_cannot_book_yet(client, pending_teacher, lift, start):
    client.force_login(pending_teacher)
    assert client.get(reverse("booking:new", args=[lift.slug])).status_code == 403
    assert client.post(reverse("booking:new", args=[lift.slug]), form_data(start)).status_code == 403
    assert not Booking.objects.exists()


def test_booking_pages_need_login(client, lift):
    response = client.get(reverse("booking:new", args=[lift.slug]))
    assert response.status_code == 302 and "/konto/log-ind/" in response.url
    assert client.get(reverse("booking:list")).status_code == 302


@pytest.fixture
def booking(teacher, school, lift, start):
    return services.booking_request(
        actor=teacher, organisation=school, equipment=lift, start_date=start, end_date=start + timedelta(days=1)
    )


def test_my_bookings_lists_upcoming(client, teacher, booking):
    client.force_login(teacher)
    response = client.get(reverse("booking:list"))
    assert [b.reference for b in response.context["groups"]["upcoming"]] == [booking.reference]


def test_coordinator_sees_every_booking_of_the_school(client, coordinator, booking, other_coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("booking:list")).context["groups"]["upcoming"] == []
    school_view = client.get(reverse("booking:list"), {"vis": "skole"})
    assert [b.reference for b in school_view.context["groups"]["upcoming"]] == [booking.reference]
    assert client.get(reverse("booking:detail", args=[booking.reference])).status_code == 200
    client.force_login(other_coordinator)
    assert client.get(reverse("booking:list"), {"vis": "skole"}).context["groups"]["upcoming"] == []


def test_coordinator_books_on_behalf_of_a_teacher(client, coordinator, teacher, lift, start):
    client.force_login(coordinator)
    client.post(reverse("booking:new", args=[lift.slug]), form_data(start, requester=teacher.pk))
    booking = Booking.objects.get()
    assert (booking.requester, booking.created_by) == (teacher, coordinator)


def test_teacher_cannot_pick_a_requester(client, teacher, school, lift, start):
    colleague = member(school, Role.TEACHER)
    client.force_login(teacher)
    client.post(reverse("booking:new", args=[lift.slug]), form_data(start, requester=colleague.pk))
    assert Booking.objects.get().requester == teacher  # the field does not exist for teachers


@pytest.mark.parametrize("outsider_fixture", ["other_coordinator", "other_staff"])
def test_nobody_sees_or_changes_another_schools_booking(client, request, booking, outsider_fixture, start):
    outsider = request.getfixturevalue(outsider_fixture)
    client.force_login(outsider)
    ref = booking.reference
    assert client.get(reverse("booking:detail", args=[ref])).status_code == 404
    assert client.post(reverse("booking:cancel", args=[ref])).status_code == 404
    assert client.get(reverse("booking:change", args=[ref])).status_code == 404
    assert client.post(reverse("booking:change", args=[ref]), form_data(start)).status_code == 404
    assert ref not in client.get(reverse("booking:list"), {"vis": "skole"}).content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_a_colleague_at_the_same_school_cannot_see_my_booking(client, school, booking):
    client.force_login(member(school, Role.TEACHER))
    assert client.get(reverse("booking:detail", args=[booking.reference])).status_code == 404


def test_teacher_cancels_own_booking_after_confirming(client, teacher, booking):
    client.force_login(teacher)
    url = reverse("booking:cancel", args=[booking.reference])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert booking.reference in text and 'name="bekraeftet"' in text
    assert teacher.email in text or str(teacher) in text  # who is told
    client.post(url, {"note": "Forløbet er flyttet"})  # one click is not enough
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED
    client.post(url, {"note": "Forløbet er flyttet", "bekraeftet": "1"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert history.booking_history(booking)[-1].note == "Forløbet er flyttet"


def test_a_booking_that_cannot_be_cancelled_says_so_instead_of_asking(client, teacher, staff, booking):
    from booking.services import booking_approve, booking_hand_out

    booking_approve(actor=staff, booking=booking)
    booking_hand_out(actor=staff, booking=booking)
    client.force_login(teacher)
    response = client.get(reverse("booking:cancel", args=[booking.reference]))
    assert response.status_code == 302
    client.post(reverse("booking:cancel", args=[booking.reference]), {"bekraeftet": "1"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.HANDED_OUT


def test_teacher_changes_a_requested_booking(client, teacher, booking, start):
    client.force_login(teacher)
    new_start = start + timedelta(days=7)
    response = client.post(reverse("booking:change", args=[booking.reference]), form_data(new_start, quantity=2))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.start_date, booking.quantity) == (new_start, 2)


def test_approved_booking_cannot_be_changed_by_the_teacher(client, teacher, booking, staff, start):
    services.booking_approve(actor=staff, booking=booking)
    client.force_login(teacher)
    response = client.post(reverse("booking:change", args=[booking.reference]), form_data(start + timedelta(days=7)))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    booking.refresh_from_db()
    assert booking.start_date == start


def test_unknown_reference_is_404(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("booking:detail", args=["B-FINDES"])).status_code == 404


def test_catalogue_free_filter_and_calendar_use_real_bookings(client, teacher, school, lift, start):
    services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        quantity=3,
        start_date=start,
        end_date=start + timedelta(days=1),
    )
    free = client.get(reverse("catalogue:index"), {"free_from": start.isoformat(), "free_to": start.isoformat()})
    assert lift not in list(free.context["page"].object_list)
    later = start + timedelta(days=21)
    free_later = client.get(reverse("catalogue:index"), {"free_from": later.isoformat(), "free_to": later.isoformat()})
    assert lift in list(free_later.context["page"].object_list)
    months = client.get(lift.get_absolute_url()).context["calendar"]["months"]
    days = {d["date"]: d for m in months for w in m["weeks"] for d in w if d["in_month"]}
    assert days[start]["state"] == "none"


def test_my_bookings_shows_the_past_in_pages_newest_first_and_keeps_a_late_loan_current(client, teacher, booking):
    """Years of loans do not make the page endless: the past comes 25 at a time, newest first."""
    today = timezone.localdate()
    for weeks in range(1, 31):
        past = Booking.objects.get(pk=booking.pk)
        past.pk, past.reference = None, f"OLD{weeks:03d}"
        past.start_date = today - timedelta(weeks=weeks, days=2)
        past.end_date = today - timedelta(weeks=weeks)
        past.status = Booking.Status.RETURNED
        past.save()
    late = Booking.objects.get(pk=booking.pk)
    late.pk, late.reference = None, "LATE001"
    late.start_date, late.end_date = today - timedelta(days=9), today - timedelta(days=2)
    late.status = Booking.Status.HANDED_OUT
    late.save()
    client.force_login(teacher)

    first = client.get(reverse("booking:list"))
    assert [b.reference for b in first.context["groups"]["current"]] == ["LATE001"]
    assert [b.reference for b in first.context["groups"]["upcoming"]] == [booking.reference]
    shown = [b.reference for b in first.context["groups"]["past"]]
    assert shown == [f"OLD{n:03d}" for n in range(1, 26)]
    html = first.content.decode()
    assert "(30)" in html and "side=2" in html and "OLD026" not in html

    second = client.get(reverse("booking:list"), {"side": "2"})
    assert [b.reference for b in second.context["groups"]["past"]] == [f"OLD{n:03d}" for n in range(26, 31)]
    assert "LATE001" in second.content.decode()  # the current loan is on every page


def test_a_database_too_busy_to_answer_in_time_says_try_again_and_saves_nothing(
    client, teacher, lift, start, monkeypatch
):
    """SQLite's writer lock waited out (or a PostgreSQL deadlock) half-way through a booking."""
    from django.db import OperationalError

    from booking import engine

    real_reserve = engine.reserve

    def reserve_then_time_out(*args, **kwargs):
        real_reserve(*args, **kwargs)
        raise OperationalError("database is locked")

    monkeypatch.setattr(engine, "reserve", reserve_then_time_out)
    client.force_login(teacher)
    client.raise_request_exception = False
    response = client.post(reverse("booking:new", args=[lift.slug]), form_data(start))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Intet blev gemt" in response.content.decode()
    assert not Booking.objects.exists()
