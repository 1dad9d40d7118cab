"""The booking engine through its services: reserving units, rules, lifecycle, packs, e-mails."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from booking import engine, history, services
from booking.models import Booking, Reservation
from catalogue.models import Unit
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import EquipmentFactory, MobilePackFactory, SchoolFactory, UnitFactory, put_in_pack
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Membership, Role

pytestmark = pytest.mark.django_db
MON = date(2031, 3, 10)  # a Monday a week after TODAY


def book(actor, school, equipment=None, start=MON, end=None, **kwargs):
    return services.booking_request(
        actor=actor,
        organisation=school,
        equipment=equipment,
        start_date=start,
        end_date=end or start + timedelta(days=4),
        today=TODAY,
        **kwargs,
    )


def active_units(booking):
    return sorted(booking.reservations.filter(is_active=True).values_list("unit__asset_tag", flat=True))


def test_request_reserves_specific_units_with_working_day_buffers(teacher, school, lift):
    booking = book(teacher, school, lift, quantity=2, start=date(2031, 3, 10), end=date(2031, 3, 14))
    assert booking.status == Booking.Status.REQUESTED
    assert active_units(booking) == ["L-1", "L-2"]
    reservation = booking.reservations.first()
    # Monday start, one working day before = the Friday; Friday end, one working day after = Monday.
    assert (reservation.blocked_start, reservation.blocked_end) == (date(2031, 3, 7), date(2031, 3, 17))
    assert [line.to_status for line in history.booking_history(booking)] == ["requested"]


def test_buffers_skip_danish_holidays(teacher, school, lift):
    # Easter 2031: Maundy Thursday 10 April, Good Friday 11, Easter Monday 14.
    booking = book(teacher, school, lift, start=date(2031, 4, 15), end=date(2031, 4, 16))
    assert booking.reservations.first().blocked_start == date(2031, 4, 9)


def test_units_already_at_the_school_are_preferred(teacher, school, lift, school_location):
    Unit.objects.filter(asset_tag="L-3").update(current_location=school_location)
    assert active_units(book(teacher, school, lift)) == ["L-3"]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (TODAY + timedelta(days=1), TODAY + timedelta(days=2), "start_date"),  # shorter than 3 working days notice
        (MON, MON + timedelta(days=30), "end_date"),  # 31 days > longest loan
        (MON, MON - timedelta(days=1), "end_date"),
        (TODAY - timedelta(days=3), TODAY, "start_date"),
    ],
)
def test_notice_longest_loan_and_order_of_dates_are_enforced(teacher, school, lift, start, end, field):
    with pytest.raises(ServiceError) as error:
        book(teacher, school, lift, start=start, end=end)
    assert field in error.value.error_dict
    assert not Booking.objects.exists()


def test_lab_only_equipment_must_be_used_in_the_lab(teacher, school, lift):
    lift.placement = "lab_only"
    lift.save()
    with pytest.raises(ServiceError):
        book(teacher, school, lift, handover="delivery")
    assert book(teacher, school, lift, handover="lab").handover == "lab"


def test_no_unit_is_booked_twice_and_the_reasons_are_given(teacher, school, lift):
    book(teacher, school, lift, quantity=3)
    with pytest.raises(engine.NotAvailable) as error:
        book(teacher, school, lift, start=MON + timedelta(days=2))
    assert {r.kind for r in error.value.reasons} == {"booked"}
    assert Booking.objects.count() == 1


def test_a_clash_only_in_the_buffer_is_reported_as_transport(teacher, school, lift):
    book(teacher, school, lift, quantity=3, start=date(2031, 3, 10), end=date(2031, 3, 14))
    with pytest.raises(engine.NotAvailable) as error:
        # Tuesday 18th: blocked from Monday 17th, which is the first lend's after-buffer day.
        book(teacher, school, lift, start=date(2031, 3, 18), end=date(2031, 3, 19))
    assert {r.kind for r in error.value.reasons} == {"transit"}


def test_alternatives_next_free_period_and_other_equipment(teacher, school, lift, centre):
    other = EquipmentFactory(name="Gulvlift", category=lift.category, owning_centre=centre)
    UnitFactory(equipment=other)
    first = book(teacher, school, lift, quantity=3, start=date(2031, 3, 10), end=date(2031, 3, 14))
    with pytest.raises(engine.NotAvailable) as error:
        book(teacher, school, lift, start=date(2031, 3, 11), end=date(2031, 3, 12))
    alternatives = error.value.alternatives
    # The first loan blocks until Mon 17th (after-buffer); the new loan needs one working day before it.
    assert alternatives.next_start == date(2031, 3, 19)
    assert alternatives.next_end == date(2031, 3, 20)
    assert alternatives.other_equipment == [other]
    assert first.reservations.count() == 3


def test_maintenance_and_retired_units_are_never_booked(teacher, school, lift):
    Unit.objects.filter(asset_tag__in=["L-1", "L-2"]).update(status=Unit.Status.MAINTENANCE)
    assert active_units(book(teacher, school, lift)) == ["L-3"]
    with pytest.raises(engine.NotAvailable) as error:
        book(teacher, school, lift, quantity=1)
    assert "out_of_service" in {r.kind for r in error.value.reasons}


def test_booking_a_pack_reserves_every_unit_so_parts_and_pack_never_clash(teacher, school, lift, centre):
    pack = MobilePackFactory(owning_centre=centre)
    put_in_pack(pack, *Unit.objects.filter(asset_tag__in=["L-1", "L-2"]))
    pack_booking = services.booking_request(
        actor=teacher, organisation=school, pack=pack, start_date=MON, end_date=MON + timedelta(days=2), today=TODAY
    )
    assert active_units(pack_booking) == ["L-1", "L-2"]
    # The part not in the pack is still free, the parts in it are not.
    assert active_units(book(teacher, school, lift)) == ["L-3"]
    with pytest.raises(engine.NotAvailable):
        book(teacher, school, lift)


def test_a_pack_cannot_be_booked_while_one_of_its_parts_is(teacher, school, lift, centre):
    pack = MobilePackFactory(owning_centre=centre)
    put_in_pack(pack, *Unit.objects.all())
    book(teacher, school, lift)
    with pytest.raises(engine.NotAvailable):
        services.booking_request(
            actor=teacher, organisation=school, pack=pack, start_date=MON, end_date=MON, today=TODAY
        )


# --- who may book ---


def test_pending_teacher_cannot_book(pending_teacher, school, lift):
    with pytest.raises(PermissionDenied):
        book(pending_teacher, school, lift)


def test_teacher_cannot_book_for_another_school(teacher, other_school, lift):
    with pytest.raises(PermissionDenied):
        book(teacher, other_school, lift)


def test_coordinator_books_on_behalf_of_a_teacher(coordinator, teacher, school, lift):
    booking = book(coordinator, school, lift, requester=teacher)
    assert (booking.requester, booking.created_by) == (teacher, coordinator)


def test_teacher_cannot_book_on_behalf_of_a_colleague(teacher, school, lift):
    colleague = member(school, Role.TEACHER)
    with pytest.raises(PermissionDenied):
        book(teacher, school, lift, requester=colleague)


def test_coordinator_cannot_book_for_a_teacher_of_another_school(coordinator, school, lift, other_school):
    outsider = member(other_school, Role.TEACHER)
    with pytest.raises(ServiceError):
        book(coordinator, school, lift, requester=outsider)


# --- price and payment ---


def test_member_schools_borrow_free_others_pay_in_dkk(teacher, school, lift, centre):
    assert book(teacher, school, lift).price == Decimal("0.00")
    lift.external_price = Decimal("450.00")
    lift.save()
    outside = SchoolFactory(home_centre=centre, is_member=False)
    Membership.objects.create(user=teacher, organisation=outside, role=Role.TEACHER, status="confirmed")
    rules.forget_memberships(teacher)
    paid = book(teacher, outside, lift, start=MON + timedelta(days=14))
    assert (paid.price, paid.payment_status) == (Decimal("450.00"), Booking.Payment.PENDING)


# --- lifecycle ---


def test_full_lifecycle_with_a_damaged_unit(teacher, school, lift, staff):
    booking = book(teacher, school, lift, quantity=2)
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    services.booking_hand_out(actor=staff, booking=booking)
    damaged = Unit.objects.get(asset_tag="L-1")
    services.booking_return(actor=staff, booking=booking, damaged_units=[damaged], condition_note="Revnet skinne")
    services.booking_close(actor=staff, booking=booking)
    booking.refresh_from_db()
    damaged.refresh_from_db()
    assert booking.status == Booking.Status.CLOSED
    assert damaged.status == Unit.Status.MAINTENANCE and "Revnet skinne" in damaged.condition_notes
    assert [e.to_status for e in history.booking_history(booking)] == [
        "requested",
        "approved",
        "handed_out",
        "returned",
        "closed",
    ]
    assert all(e.actor == staff for e in history.booking_history(booking)[1:])


@pytest.mark.parametrize("action", ["hand_out", "return", "close"])
def test_illegal_transitions_are_refused_in_danish_and_change_nothing(teacher, school, lift, staff, action):
    booking = book(teacher, school, lift)
    with pytest.raises(ServiceError) as error:
        getattr(services, f"booking_{action}")(actor=staff, booking=booking)
    assert "kan ikke" in error.value.messages[0]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_cancel_frees_the_units_at_once(teacher, school, lift):
    first = book(teacher, school, lift, quantity=3)
    services.booking_cancel(actor=teacher, booking=first)
    assert not Reservation.objects.filter(is_active=True).exists()
    assert len(active_units(book(teacher, school, lift, quantity=3))) == 3


def test_cannot_cancel_after_hand_out(teacher, school, lift, staff):
    booking = book(teacher, school, lift)
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    services.booking_hand_out(actor=staff, booking=booking)
    with pytest.raises(ServiceError):
        services.booking_cancel(actor=teacher, booking=booking)


def test_reject_needs_a_reason_and_frees_the_units(teacher, school, lift, staff):
    booking = book(teacher, school, lift, quantity=3)
    with pytest.raises(ServiceError):
        services.booking_reject(actor=staff, booking=booking, reason="  ")
    services.booking_reject(actor=staff, booking=booking, reason="Til eftersyn den uge")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REJECTED and booking.decision_note == "Til eftersyn den uge"
    assert not Reservation.objects.filter(is_active=True).exists()


def test_only_the_owning_centres_staff_decide(teacher, school, lift, other_staff, coordinator):
    booking = book(teacher, school, lift)
    for outsider in (other_staff, coordinator, teacher):
        with pytest.raises(PermissionDenied):
            services.booking_approve(actor=outsider, booking=booking, today=TODAY)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_approve_with_other_dates_is_rechecked(teacher, school, lift, staff):
    blocker = book(teacher, school, lift, quantity=3, start=MON + timedelta(days=14), end=MON + timedelta(days=16))
    booking = book(teacher, school, lift)
    with pytest.raises(engine.NotAvailable):
        services.booking_approve(
            actor=staff,
            booking=booking,
            start_date=MON + timedelta(days=14),
            end_date=MON + timedelta(days=15),
            today=TODAY,
        )
    booking.refresh_from_db()
    assert (booking.status, booking.start_date) == (Booking.Status.REQUESTED, MON)
    services.booking_approve(
        actor=staff, booking=booking, start_date=MON + timedelta(days=7), end_date=MON + timedelta(days=8), today=TODAY
    )
    booking.refresh_from_db()
    assert (booking.status, booking.start_date, booking.sequence) == (
        Booking.Status.APPROVED,
        MON + timedelta(days=7),
        1,
    )
    assert blocker.reservations.filter(is_active=True).count() == 3


def test_approve_with_specific_units(teacher, school, lift, staff):
    booking = book(teacher, school, lift)
    services.booking_approve(actor=staff, booking=booking, units=[Unit.objects.get(asset_tag="L-3")], today=TODAY)
    assert active_units(booking) == ["L-3"]


def test_auto_approve(teacher, school, lift):
    lift.auto_approve = True
    lift.save()
    assert book(teacher, school, lift).status == Booking.Status.APPROVED


def test_change_while_requested_is_rechecked_like_a_new_request(teacher, school, lift, staff):
    later = MON + timedelta(days=14)
    booking = book(teacher, school, lift)
    services.booking_change(
        actor=teacher, booking=booking, start_date=later, end_date=later + timedelta(days=2), quantity=3, today=TODAY
    )
    booking.refresh_from_db()
    assert (booking.start_date, booking.quantity, len(active_units(booking)), booking.sequence) == (later, 3, 3, 1)
    other = book(teacher, school, lift)  # the old dates are free again
    with pytest.raises(engine.NotAvailable):
        services.booking_change(actor=teacher, booking=other, start_date=later, end_date=later, today=TODAY)
    other.refresh_from_db()
    assert other.start_date == MON and len(active_units(other)) == 1
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    with pytest.raises(ServiceError):
        services.booking_change(actor=teacher, booking=booking, start_date=MON, end_date=MON, today=TODAY)


def test_another_schools_coordinator_cannot_cancel_or_change(teacher, school, lift, other_coordinator):
    booking = book(teacher, school, lift)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(actor=other_coordinator, booking=booking)
    with pytest.raises(PermissionDenied):
        services.booking_change(actor=other_coordinator, booking=booking, start_date=MON, end_date=MON, today=TODAY)


def test_swap_a_unit(teacher, school, lift, staff):
    booking = book(teacher, school, lift)
    services.booking_swap_unit(
        actor=staff,
        booking=booking,
        old_unit=Unit.objects.get(asset_tag="L-1"),
        new_unit=Unit.objects.get(asset_tag="L-2"),
    )
    assert active_units(booking) == ["L-2"]


def test_early_return_frees_the_rest_of_the_period(teacher, school, lift, staff):
    booking = book(teacher, school, lift, quantity=3, start=date(2031, 3, 10), end=date(2031, 3, 21))
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    services.booking_hand_out(actor=staff, booking=booking)
    services.booking_return(actor=staff, booking=booking, today=date(2031, 3, 12))
    later = book(teacher, school, lift, quantity=3, start=date(2031, 3, 17), end=date(2031, 3, 18))
    assert len(active_units(later)) == 3


# --- e-mails ---


def test_emails_go_out_after_commit_in_danish(teacher, school, lift, staff, committing):
    booking = committing(book, teacher, school, lift)
    subjects = [m.subject for m in mail.outbox]
    assert any(booking.reference in s and "modtaget" in s for s in subjects)
    committing(services.booking_approve, actor=staff, booking=booking, today=TODAY)
    assert "godkendt" in mail.outbox[-1].subject and mail.outbox[-1].to == [teacher.email]
    committing(services.booking_cancel, actor=teacher, booking=booking)
    assert "aflyst" in mail.outbox[-1].subject


def test_no_email_when_the_request_fails(teacher, school, lift, committing):
    committing(book, teacher, school, lift, quantity=3)
    sent = len(mail.outbox)
    with pytest.raises(engine.NotAvailable):
        committing(book, teacher, school, lift)
    assert len(mail.outbox) == sent
