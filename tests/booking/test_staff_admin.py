"""Centre staff handle bookings in the Wagtail admin: queue, one booking's actions, day list, timeline."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking import history
from booking.models import Booking, Reservation
from booking.services import booking_approve, booking_cancel, booking_hand_out, booking_request
from catalogue.models import Unit
from tests.factories import EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack

pytestmark = pytest.mark.django_db

# Fixed dates away from holidays, so that buffers are the same whenever the tests run. The
# requests are made "on" TODAY; what staff do through the admin uses the real today, which is
# earlier, so these dates are still in the future for it.
TODAY = date(2031, 3, 3)  # a Monday
START = date(2031, 3, 17)  # a Monday

ACTIONS = ["approve", "reject", "hand_out", "return", "close", "cancel", "swap"]


@pytest.fixture
def hoist(centre):
    equipment = EquipmentFactory(name="Loftlift", slug="loftlift", owning_centre=centre)
    for n in range(1, 4):
        UnitFactory(equipment=equipment, asset_tag=f"LIFT-{n}")
    return equipment


@pytest.fixture
def single(centre):
    """Equipment with one unit, so that two loans clash."""
    equipment = EquipmentFactory(name="Aldringsdragt", slug="aldringsdragt", owning_centre=centre)
    UnitFactory(equipment=equipment, asset_tag="SUIT-1")
    return equipment


def book(teacher, school, equipment, *, start=START, days=3, quantity=1) -> Booking:
    return booking_request(
        actor=teacher,
        organisation=school,
        equipment=equipment,
        quantity=quantity,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        today=TODAY,
    )


@pytest.fixture
def booking(teacher, school, hoist) -> Booking:
    return book(teacher, school, hoist)


def url(name, *args):
    return reverse(f"booking_admin:{name}", args=args)


def refused(response) -> bool:
    """403 from these pages, or Wagtail's answer to someone who may not use the admin at all."""
    return response.status_code == 403 or (
        response.status_code == 302 and (response.url == "/admin/" or response.url.startswith("/admin/login/"))
    )


def levels(response) -> list[int]:
    return [m.level for m in get_messages(response.wsgi_request)]


def reload(booking: Booking) -> Booking:
    booking.refresh_from_db()
    return booking


def units_of(booking: Booking) -> set[str]:
    return set(Reservation.objects.filter(booking=booking, is_active=True).values_list("unit__asset_tag", flat=True))


# --- the queue ---------------------------------------------------------------------------------


def test_staff_see_their_centres_requests_oldest_first(client, staff, teacher, school, hoist):
    first = book(teacher, school, hoist)
    second = book(teacher, school, hoist, start=START + timedelta(days=10))
    client.force_login(staff)
    response = client.get(url("queue"))
    assert response.status_code == 200
    assert [b.reference for b in response.context["bookings"]] == [first.reference, second.reference]
    content = response.content.decode()
    assert url("detail", first.reference) in content
    assert url("timeline", hoist.slug) in content
    assert url("bulk_approve") in content


def test_the_queue_leaves_out_decided_bookings(client, staff, teacher, school, hoist):
    waiting = book(teacher, school, hoist)
    approved = book(teacher, school, hoist, start=START + timedelta(days=10))
    booking_approve(actor=staff, booking=approved)
    client.force_login(staff)
    response = client.get(url("queue"))
    assert [b.reference for b in response.context["bookings"]] == [waiting.reference]


def test_staff_of_another_centre_do_not_see_the_request_in_their_queue(client, other_staff, booking):
    client.force_login(other_staff)
    response = client.get(url("queue"))
    assert response.status_code == 200
    assert list(response.context["bookings"]) == []
    assert booking.reference not in response.content.decode()


def test_the_queue_needs_a_fixed_number_of_queries(
    client, staff, teacher, school, hoist, django_assert_max_num_queries
):
    book(teacher, school, hoist)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("queue")).status_code == 200
    for n in range(1, 8):
        book(teacher, school, hoist, start=START + timedelta(days=10 * n))
    with CaptureQueriesContext(connection) as eight:
        response = client.get(url("queue"))
    assert len(response.context["bookings"]) == 8
    assert len(eight) == len(one)
    with django_assert_max_num_queries(len(one)):
        client.get(url("queue"))


def test_bulk_approve_approves_each_and_reports_the_ones_that_failed(client, staff, teacher, school, hoist):
    first = book(teacher, school, hoist)
    second = book(teacher, school, hoist, start=START + timedelta(days=10))
    gone = book(teacher, school, hoist, start=START + timedelta(days=20))
    booking_cancel(actor=teacher, booking=gone)
    client.force_login(staff)
    response = client.post(url("bulk_approve"), {"bookings": [first.reference, gone.reference, second.reference]})
    assert response.status_code == 302
    assert response.url == url("queue")
    assert reload(first).status == Booking.Status.APPROVED
    assert reload(second).status == Booking.Status.APPROVED
    assert reload(gone).status == Booking.Status.CANCELLED
    messages = list(get_messages(response.wsgi_request))
    assert [m.level for m in messages] == [SUCCESS, ERROR]
    assert first.reference in messages[0].message and second.reference in messages[0].message
    assert gone.reference in messages[1].message


def test_bulk_approve_refuses_bookings_of_another_centre(client, other_staff, booking):
    client.force_login(other_staff)
    response = client.post(url("bulk_approve"), {"bookings": [booking.reference]})
    assert response.status_code == 302
    assert levels(response) == [ERROR]
    assert reload(booking).status == Booking.Status.REQUESTED


def test_bulk_approve_without_a_choice_changes_nothing(client, staff, booking):
    client.force_login(staff)
    response = client.post(url("bulk_approve"), {})
    assert response.status_code == 302
    assert reload(booking).status == Booking.Status.REQUESTED


def test_approving_from_the_queue_emails_the_teacher(
    client, staff, teacher, booking, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("bulk_approve"), {"bookings": [booking.reference]})
    assert reload(booking).status == Booking.Status.APPROVED
    assert [m.to for m in mail.outbox] == [[teacher.email]]


# --- one booking -------------------------------------------------------------------------------


def test_detail_shows_the_booking_its_units_its_log_and_the_actions_of_its_status(client, staff, booking):
    client.force_login(staff)
    response = client.get(url("detail", booking.reference))
    assert response.status_code == 200
    content = response.content.decode()
    assert units_of(booking) and all(tag in content for tag in units_of(booking))
    assert [a["name"] for a in response.context["actions"]] == ["approve", "reject", "cancel", "swap"]
    assert url("approve", booking.reference) in content
    assert url("hand_out", booking.reference) not in content
    assert url("timeline", booking.equipment.slug) in content
    assert [e.to_status for e in response.context["events"]] == [Booking.Status.REQUESTED]


def test_detail_of_a_pack_booking_offers_no_unit_choice_and_links_each_kind(client, staff, teacher, school, centre):
    suit = EquipmentFactory(name="Dragt", slug="dragt", owning_centre=centre)
    glasses = EquipmentFactory(name="Briller", slug="briller", owning_centre=centre)
    pack = MobilePackFactory(name="Aldringskasse", owning_centre=centre)
    put_in_pack(pack, UnitFactory(equipment=suit), UnitFactory(equipment=glasses))
    booking = booking_request(
        actor=teacher,
        organisation=school,
        pack=pack,
        start_date=START,
        end_date=START + timedelta(days=2),
        today=TODAY,
    )
    client.force_login(staff)
    response = client.get(url("detail", booking.reference))
    assert response.status_code == 200
    approve_form = response.context["actions"][0]["form"]
    assert "units" not in approve_form.fields
    content = response.content.decode()
    assert url("timeline", "dragt") in content and url("timeline", "briller") in content


def test_staff_approve_a_request(client, staff, booking):
    client.force_login(staff)
    response = client.post(url("approve", booking.reference), {"note": "God fornøjelse"})
    assert response.status_code == 302
    assert response.url == url("detail", booking.reference)
    assert levels(response) == [SUCCESS]
    booking = reload(booking)
    assert booking.status == Booking.Status.APPROVED
    assert booking.decision_note == "God fornøjelse"
    event = history.booking_history(booking)[-1]
    assert (event.actor, event.from_status, event.to_status) == (staff, "requested", "approved")


def test_staff_approve_with_chosen_units(client, staff, teacher, school, hoist):
    booking = book(teacher, school, hoist)
    wanted = Unit.objects.get(asset_tag="LIFT-3")
    assert units_of(booking) != {"LIFT-3"}
    client.force_login(staff)
    client.post(url("approve", booking.reference), {"units": [wanted.pk]})
    assert reload(booking).status == Booking.Status.APPROVED
    assert units_of(booking) == {"LIFT-3"}


def test_approving_with_other_dates_moves_the_loan(client, staff, booking):
    client.force_login(staff)
    new_start = START + timedelta(days=14)
    client.post(
        url("approve", booking.reference),
        {"start_date": new_start.isoformat(), "end_date": (new_start + timedelta(days=1)).isoformat()},
    )
    booking = reload(booking)
    assert booking.status == Booking.Status.APPROVED
    assert (booking.start_date, booking.end_date) == (new_start, new_start + timedelta(days=1))
    assert set(Reservation.objects.filter(booking=booking).values_list("start_date", flat=True)) == {new_start}


def test_approving_with_dates_that_clash_gives_an_error_and_changes_nothing(client, staff, teacher, school, single):
    taken = book(teacher, school, single)
    later = book(teacher, school, single, start=START + timedelta(days=14))
    before = list(Reservation.objects.filter(booking=later).values_list("unit_id", "start_date", "blocked_end"))
    client.force_login(staff)
    response = client.post(
        url("approve", later.reference),
        {"start_date": taken.start_date.isoformat(), "end_date": taken.end_date.isoformat()},
    )
    assert response.status_code == 302
    assert response.url == url("detail", later.reference)
    assert ERROR in levels(response)
    # The message names the busy unit (the reason), not only that something failed.
    assert any("SUIT-1" in m.message for m in get_messages(response.wsgi_request))
    later = reload(later)
    assert later.status == Booking.Status.REQUESTED
    assert later.start_date == START + timedelta(days=14)
    assert list(Reservation.objects.filter(booking=later).values_list("unit_id", "start_date", "blocked_end")) == before


def test_reject_needs_a_reason(client, staff, booking):
    client.force_login(staff)
    response = client.post(url("reject", booking.reference), {"reason": "  "})
    assert response.status_code == 302
    assert levels(response) == [ERROR]
    assert reload(booking).status == Booking.Status.REQUESTED

    response = client.post(url("reject", booking.reference), {"reason": "Udstyret er til service"})
    assert response.status_code == 200  # first: what happens and who is told
    page = response.content.decode()
    assert str(booking.requester) in page and 'value="Udstyret er til service"' in page
    assert reload(booking).status == Booking.Status.REQUESTED
    client.post(url("reject", booking.reference), {"reason": "Udstyret er til service", "bekraeftet": "1"})
    booking = reload(booking)
    assert booking.status == Booking.Status.REJECTED
    assert booking.decision_note == "Udstyret er til service"
    assert not Reservation.objects.filter(booking=booking, is_active=True).exists()


def test_hand_out_then_return_with_one_damaged_unit_sends_it_to_maintenance(client, staff, teacher, school, hoist):
    booking = book(teacher, school, hoist, quantity=2)
    booking_approve(actor=staff, booking=booking)
    client.force_login(staff)
    tags = "\n".join(Unit.objects.filter(reservations__booking=booking).values_list("asset_tag", flat=True))
    response = client.post(url("hand_out", booking.reference), {"scanned": tags, "note": "Hentet af læreren"})
    assert levels(response) == [SUCCESS]
    assert reload(booking).status == Booking.Status.HANDED_OUT

    detail = client.get(url("detail", booking.reference))
    assert [a["name"] for a in detail.context["actions"]] == ["return", "swap"]

    damaged, intact = sorted(Unit.objects.filter(reservations__booking=booking), key=lambda u: u.asset_tag)
    response = client.post(
        url("return", booking.reference),
        {"received_units": [intact.pk], "damaged_units": [damaged.pk], "condition_note": "Revnet håndtag"},
    )
    assert levels(response) == [SUCCESS]
    assert reload(booking).status == Booking.Status.RETURNED
    damaged.refresh_from_db()
    intact.refresh_from_db()
    assert damaged.status == Unit.Status.MAINTENANCE
    assert "Revnet håndtag" in damaged.condition_notes
    assert intact.status == Unit.Status.IN_SERVICE

    client.post(url("close", booking.reference), {})
    assert reload(booking).status == Booking.Status.CLOSED
    assert [line.to_status for line in history.booking_history(booking)] == [
        "requested",
        "approved",
        "handed_out",
        "returned",
        "closed",
    ]


def test_a_damaged_unit_needs_a_description(client, staff, booking):
    booking_approve(actor=staff, booking=booking)
    booking_hand_out(actor=staff, booking=booking)
    unit = Unit.objects.get(reservations__booking=booking)
    client.force_login(staff)
    response = client.post(url("return", booking.reference), {"damaged_units": [unit.pk], "condition_note": ""})
    assert levels(response) == [ERROR]
    assert reload(booking).status == Booking.Status.HANDED_OUT
    unit.refresh_from_db()
    assert unit.status == Unit.Status.IN_SERVICE


@pytest.mark.parametrize("action", ["hand_out", "return", "close"])
def test_an_illegal_transition_gives_a_message_and_changes_nothing(client, staff, booking, action):
    client.force_login(staff)
    response = client.post(url(action, booking.reference), {})
    assert response.status_code == 302
    assert response.url == url("detail", booking.reference)
    assert levels(response) == [ERROR]
    assert reload(booking).status == Booking.Status.REQUESTED
    assert len(history.booking_history(booking)) == 1


def test_approving_twice_gives_a_message(client, staff, booking):
    booking_approve(actor=staff, booking=booking)
    client.force_login(staff)
    response = client.post(url("approve", booking.reference), {})
    assert levels(response) == [ERROR]
    assert len(history.booking_history(booking)) == 2


def test_staff_cancel_an_approved_booking_and_its_units_are_freed(client, staff, booking):
    booking_approve(actor=staff, booking=booking)
    client.force_login(staff)
    client.post(url("cancel", booking.reference), {"note": "Skolen har aflyst"})
    assert reload(booking).status == Booking.Status.APPROVED  # one click is not enough
    client.post(url("cancel", booking.reference), {"note": "Skolen har aflyst", "bekraeftet": "1"})
    assert reload(booking).status == Booking.Status.CANCELLED
    assert not Reservation.objects.filter(booking=booking, is_active=True).exists()


def test_staff_swap_a_unit(client, staff, booking):
    old = Unit.objects.get(reservations__booking=booking)
    new = Unit.objects.filter(equipment=booking.equipment).exclude(pk=old.pk).first()
    client.force_login(staff)
    response = client.post(url("swap", booking.reference), {"old_unit": old.pk, "new_unit": new.pk})
    assert levels(response) == [SUCCESS]
    assert units_of(booking) == {new.asset_tag}


def test_swapping_for_a_unit_of_other_equipment_is_refused(client, staff, booking, single):
    old = Unit.objects.get(reservations__booking=booking)
    foreign = single.units.get()
    client.force_login(staff)
    response = client.post(url("swap", booking.reference), {"old_unit": old.pk, "new_unit": foreign.pk})
    assert levels(response) == [ERROR]
    assert units_of(booking) == {old.asset_tag}


def test_an_unknown_booking_is_404(client, staff):
    client.force_login(staff)
    assert client.get(url("detail", "B-NOSUCH")).status_code == 404


def test_actions_only_accept_post(client, staff, booking):
    client.force_login(staff)
    assert client.get(url("approve", booking.reference)).status_code == 405
    assert reload(booking).status == Booking.Status.REQUESTED


# --- who may --------------------------------------------------------------------------------


def test_staff_of_another_centre_get_403_for_the_booking_and_every_action(client, other_staff, staff, booking):
    unit = Unit.objects.get(reservations__booking=booking)
    client.force_login(other_staff)
    assert client.get(url("detail", booking.reference)).status_code == 403
    for action in ACTIONS:
        data = {"reason": "Nej", "old_unit": unit.pk, "new_unit": unit.pk, "damaged_units": [unit.pk]}
        assert client.post(url(action, booking.reference), data).status_code == 403, action
    assert client.get(url("timeline", booking.equipment.slug)).status_code == 403
    booking = reload(booking)
    assert booking.status == Booking.Status.REQUESTED
    assert len(history.booking_history(booking)) == 1


@pytest.mark.parametrize("role", ["teacher", "coordinator"])
def test_teachers_and_coordinators_cannot_reach_any_of_it(client, request, role, booking):
    client.force_login(request.getfixturevalue(role))
    for page in [url("queue"), url("day"), url("detail", booking.reference), url("timeline", booking.equipment.slug)]:
        assert refused(client.get(page)), page
    assert refused(client.post(url("bulk_approve"), {"bookings": [booking.reference]}))
    for action in ACTIONS:
        assert refused(client.post(url(action, booking.reference), {"reason": "Nej"})), action
    assert reload(booking).status == Booking.Status.REQUESTED


def test_anonymous_visitors_are_sent_to_the_login(client, booking):
    response = client.get(url("detail", booking.reference))
    assert response.status_code == 302
    assert "login" in response.url


def test_the_bookings_menu_is_shown_to_staff_only(client, staff, coordinator):
    client.force_login(staff)
    assert url("queue") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(coordinator)
    assert url("queue") not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- the day list ------------------------------------------------------------------------------


def test_the_day_list_shows_hand_outs_returns_and_overdue_loans(client, staff, teacher, school, centre, other_staff):
    hoist = EquipmentFactory(owning_centre=centre)
    for _ in range(5):
        UnitFactory(equipment=hoist)
    day = START + timedelta(days=16)  # a Wednesday
    leaving = book(teacher, school, hoist, start=day)
    booking_approve(actor=staff, booking=leaving)
    coming_back = book(teacher, school, hoist, start=day - timedelta(days=4), days=5)
    booking_approve(actor=staff, booking=coming_back)
    booking_hand_out(actor=staff, booking=coming_back)
    late = book(teacher, school, hoist, start=day - timedelta(days=12), days=3)
    booking_approve(actor=staff, booking=late)
    booking_hand_out(actor=staff, booking=late)
    waiting = book(teacher, school, hoist, start=day)  # still only requested: not on the list

    client.force_login(staff)
    response = client.get(url("day"), {"dato": day.isoformat()})
    assert response.status_code == 200
    assert response.context["day"] == day
    assert [b.reference for b in response.context["hand_outs"]] == [leaving.reference]
    assert [b.reference for b in response.context["returns"]] == [coming_back.reference]
    assert [b.reference for b in response.context["overdue"]] == [late.reference]
    content = response.content.decode()
    assert url("detail", leaving.reference) in content
    assert waiting.reference not in content
    assert f"?dato={(day - timedelta(days=1)).isoformat()}" in content
    assert f"?dato={(day + timedelta(days=1)).isoformat()}" in content

    client.force_login(other_staff)
    response = client.get(url("day"), {"dato": day.isoformat()})
    assert not (response.context["hand_outs"] or response.context["returns"] or response.context["overdue"])


def test_the_day_list_defaults_to_today_and_survives_a_bad_date(client, staff):
    client.force_login(staff)
    response = client.get(url("day"))
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    response = client.get(url("day"), {"dato": "2026-02-31"})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    assert levels(response) == [ERROR]


# --- the timeline ------------------------------------------------------------------------------


def test_the_timeline_shows_loans_buffers_and_maintenance_per_unit(client, staff, teacher, school, hoist):
    booking = book(teacher, school, hoist)
    reservation = Reservation.objects.get(booking=booking)
    first = reservation.blocked_start - timedelta(days=1)
    repaired = Unit.objects.get(asset_tag="LIFT-3")
    repaired.status = Unit.Status.MAINTENANCE
    repaired.save()
    client.force_login(staff)
    response = client.get(url("timeline", hoist.slug), {"fra": first.isoformat()})
    assert response.status_code == 200
    rows = {row.unit.asset_tag: row for row in response.context["rows"]}
    assert set(rows) == {"LIFT-1", "LIFT-2", "LIFT-3"}
    assert all(len(row.cells) == 28 for row in rows.values())
    cells = {cell.day: cell for cell in rows[reservation.unit.asset_tag].cells}
    assert cells[booking.start_date].state == "booked"
    assert cells[booking.start_date].reference == booking.reference
    assert cells[booking.end_date].state == "booked"
    assert cells[reservation.blocked_start].state == "transit"
    assert cells[reservation.blocked_end].state == "transit"
    assert cells[first].state == "free"
    assert cells[reservation.blocked_end + timedelta(days=1)].state == "free"
    assert {c.state for c in rows["LIFT-3"].cells} == {"out_of_service"}
    assert url("detail", booking.reference) in response.content.decode()


def test_the_timeline_leaves_out_cancelled_bookings(client, staff, teacher, school, single):
    booking = book(teacher, school, single)
    booking_cancel(actor=teacher, booking=booking)
    client.force_login(staff)
    response = client.get(url("timeline", single.slug), {"fra": START.isoformat()})
    assert {c.state for c in response.context["rows"][0].cells} == {"free"}


def test_the_timeline_defaults_to_today_and_survives_a_bad_date(client, staff, hoist):
    client.force_login(staff)
    response = client.get(url("timeline", hoist.slug), {"fra": "i morgen"})
    assert response.status_code == 200
    assert response.context["first"] == timezone.localdate()
    assert levels(response) == [ERROR]
    assert client.get(url("timeline", "findes-ikke")).status_code == 404


def test_returning_a_damaged_unit_warns_about_later_bookings_of_it(client, staff, teacher, school, single):
    now = book(teacher, school, single)
    later = book(teacher, school, single, start=START + timedelta(days=14))
    client.force_login(staff)
    client.post(url("approve", now.reference), {"note": ""})
    client.post(url("hand_out", now.reference), {"scanned": "suit-1", "note": ""})
    suit = Unit.objects.get(asset_tag="SUIT-1")
    response = client.post(
        url("return", now.reference), {"damaged_units": [suit.pk], "condition_note": "Lynlås i stykker"}, follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and later.reference in warnings[0] and "SUIT-1" in warnings[0]
    assert reverse("booking_unit_out_of_service", args=[suit.pk]) in warnings[0]
