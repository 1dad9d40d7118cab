"""The defects a new user found, each as the user would notice it. Runs on SQLite and PostgreSQL.

- an early hand-out did not block its units, and a return left the old dates blocked;
- a loan that is late did not keep its units;
- a single unit booked alone took a unit of a mobile pack while loose units were free;
- a pack that was not free suggested the refused dates as its next free period;
- the catalogue's "free between" listed equipment the booking form then refused;
- on SQLite nothing in the database stopped two overlapping active reservations;
- packs cost 0 kr. for non-members, and delivery carried no fee.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from booking import engine, services
from booking.models import Booking, Reservation
from catalogue.models import Equipment
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import EquipmentFactory, MobilePackFactory, SchoolFactory, UnitFactory, put_in_pack
from videnscenter.errors import ServiceError
from videnscenter.models import Role

pytestmark = pytest.mark.django_db


def book(actor, school, item, start, end, *, today=TODAY, **kwargs):
    key = "pack" if not isinstance(item, Equipment) else "equipment"
    return services.booking_request(
        actor=actor, organisation=school, start_date=start, end_date=end, today=today, **{key: item}, **kwargs
    )


@pytest.fixture
def suit(centre):
    """One ageing suit: one unit, one working day's buffer each side, three working days' notice."""
    equipment = EquipmentFactory(
        name="Aldringsdragt", owning_centre=centre, buffer_before_days=1, buffer_after_days=1, min_notice_days=3
    )
    UnitFactory(equipment=equipment, asset_tag="SUIT-1")
    return equipment


@pytest.fixture
def neighbour(centre):
    school = SchoolFactory(name="Skovbrynet SOSU-skole", home_centre=centre)
    return school, member(school, Role.TEACHER, email="laerer@skovbrynet.example")


# --- hand-out and return -------------------------------------------------------------------------


def test_an_early_hand_out_blocks_the_units_from_the_hand_out_day(teacher, school, staff, suit, neighbour):
    loan = book(teacher, school, suit, date(2031, 3, 17), date(2031, 3, 21))
    services.booking_approve(actor=staff, booking=loan, today=TODAY)
    services.booking_hand_out(actor=staff, booking=loan, today=TODAY)  # two weeks early

    other_school, other_teacher = neighbour
    with pytest.raises(engine.NotAvailable) as refused:
        book(other_teacher, other_school, suit, date(2031, 3, 10), date(2031, 3, 11))
    assert [r.kind for r in refused.value.reasons] == [engine.Busy.BOOKED]
    reservation = loan.reservations.get()
    assert (reservation.start_date, reservation.is_out) == (TODAY, True)


def test_an_early_hand_out_is_refused_when_the_units_are_taken_in_between(teacher, school, staff, suit, neighbour):
    other_school, other_teacher = neighbour
    loan = book(teacher, school, suit, date(2031, 3, 24), date(2031, 3, 28))
    services.booking_approve(actor=staff, booking=loan, today=TODAY)
    between = book(other_teacher, other_school, suit, date(2031, 3, 10), date(2031, 3, 11))

    with pytest.raises(ServiceError) as refused:
        services.booking_hand_out(actor=staff, booking=loan, today=TODAY)
    assert between.reference in refused.value.messages[0]
    assert "SUIT-1" in refused.value.messages[0]
    loan.refresh_from_db()
    assert loan.status == Booking.Status.APPROVED
    assert loan.reservations.get().start_date == date(2031, 3, 24)


def test_a_loan_handed_out_early_and_returned_early_frees_its_original_dates(teacher, school, staff, suit, neighbour):
    loan = book(teacher, school, suit, date(2031, 3, 17), date(2031, 3, 21))
    services.booking_approve(actor=staff, booking=loan, today=TODAY)
    services.booking_hand_out(actor=staff, booking=loan, today=TODAY)
    services.booking_return(actor=staff, booking=loan, today=TODAY)

    other_school, other_teacher = neighbour
    later = book(other_teacher, other_school, suit, date(2031, 3, 17), date(2031, 3, 21))
    assert later.reservations.get().unit.asset_tag == "SUIT-1"


def test_a_late_loan_keeps_its_units_and_shows_as_overdue(teacher, school, staff, suit, neighbour, client):
    loan = book(teacher, school, suit, date(2031, 3, 10), date(2031, 3, 12))
    services.booking_approve(actor=staff, booking=loan, today=TODAY)
    services.booking_hand_out(actor=staff, booking=loan, today=date(2031, 3, 10))
    a_week_late = date(2031, 3, 19)
    loan.refresh_from_db()
    assert loan.is_overdue(a_week_late)

    other_school, other_teacher = neighbour
    with pytest.raises(engine.NotAvailable) as refused:
        book(other_teacher, other_school, suit, date(2031, 3, 26), date(2031, 3, 27), today=a_week_late)
    assert [r.kind for r in refused.value.reasons] == [engine.Busy.OVERDUE]
    assert refused.value.reasons[0].label == "udlånt og ikke afleveret endnu"

    services.booking_return(actor=staff, booking=loan, today=a_week_late)
    assert book(other_teacher, other_school, suit, date(2031, 3, 26), date(2031, 3, 27), today=a_week_late)


def test_the_teacher_sees_that_a_late_loan_is_overdue(teacher, school, staff, suit, client, monkeypatch):
    loan = book(teacher, school, suit, date(2031, 3, 10), date(2031, 3, 12))
    services.booking_approve(actor=staff, booking=loan, today=TODAY)
    services.booking_hand_out(actor=staff, booking=loan, today=date(2031, 3, 10))
    monkeypatch.setattr("booking.models.timezone.localdate", lambda: date(2031, 3, 19))
    client.force_login(teacher)
    page = client.get(f"/booking/{loan.reference}/").content.decode()
    assert "Forsinket" in page
    assert "skulle have været afleveret" in page


# --- packs ---------------------------------------------------------------------------------------


@pytest.fixture
def sensors(centre):
    """Three bed sensors; two of them travel in a pack."""
    equipment = EquipmentFactory(name="Sengesensor", owning_centre=centre, min_notice_days=0)
    units = [UnitFactory(equipment=equipment, asset_tag=f"SENS-{n}") for n in (1, 2, 3)]
    pack = MobilePackFactory(name="Sensorkassen", owning_centre=centre)
    put_in_pack(pack, units[0], units[1])
    return equipment, pack


def test_a_unit_booked_alone_leaves_the_pack_whole(teacher, school, sensors, neighbour):
    equipment, pack = sensors
    single = book(teacher, school, equipment, date(2031, 3, 10), date(2031, 3, 12))
    assert single.reservations.get().unit.asset_tag == "SENS-3"
    other_school, other_teacher = neighbour
    whole = book(other_teacher, other_school, pack, date(2031, 3, 10), date(2031, 3, 12))
    assert sorted(whole.reservations.values_list("unit__asset_tag", flat=True)) == ["SENS-1", "SENS-2"]


def test_a_busy_pack_suggests_a_period_when_the_whole_pack_is_free(teacher, school, sensors, neighbour):
    equipment, pack = sensors
    book(teacher, school, equipment, date(2031, 3, 10), date(2031, 3, 12), quantity=3)  # pack units too
    other_school, other_teacher = neighbour
    with pytest.raises(engine.NotAvailable) as refused:
        book(other_teacher, other_school, pack, date(2031, 3, 10), date(2031, 3, 12))
    suggestion = refused.value.alternatives
    assert suggestion.next_start is not None
    assert suggestion.next_start > date(2031, 3, 13)  # after the sensors' loan and its buffer
    # "Use these dates" works: the suggested period can be booked.
    assert book(other_teacher, other_school, pack, suggestion.next_start, suggestion.next_end)


# --- the catalogue filter gives the booking form's answer -----------------------------------------


def test_the_free_filter_applies_the_loans_buffers(teacher, school, suit, neighbour):
    book(teacher, school, suit, date(2031, 3, 10), date(2031, 3, 12))  # blocks 7.–13. March
    # A loan on the 14th needs the suit packed on the 13th: not free, and the form agrees.
    listed = engine.bookable_equipment(Equipment.objects.all(), date(2031, 3, 14), date(2031, 3, 14), today=TODAY)
    assert suit not in listed
    other_school, other_teacher = neighbour
    with pytest.raises(engine.NotAvailable):
        book(other_teacher, other_school, suit, date(2031, 3, 14), date(2031, 3, 14))


def test_the_free_filter_applies_the_shortest_notice_and_longest_loan(suit):
    tomorrow = TODAY + timedelta(days=1)
    assert suit not in engine.bookable_equipment(Equipment.objects.all(), tomorrow, tomorrow, today=TODAY)
    long = engine.bookable_equipment(Equipment.objects.all(), date(2031, 3, 10), date(2031, 5, 10), today=TODAY)
    assert suit not in long
    assert suit in engine.bookable_equipment(Equipment.objects.all(), date(2031, 3, 10), date(2031, 3, 10), today=TODAY)


def test_the_catalogue_page_leaves_out_what_cannot_be_booked_with_notice(client, suit):
    soon = date.today() + timedelta(days=1)
    later = date.today() + timedelta(days=21)
    near = client.get("/udstyr/", {"free_from": soon.isoformat(), "free_to": soon.isoformat()})
    far = client.get("/udstyr/", {"free_from": later.isoformat(), "free_to": later.isoformat()})
    assert suit.name not in near.content.decode()
    assert suit.name in far.content.decode()


# --- the database refuses overlaps on every database ----------------------------------------------


def test_the_database_refuses_an_overlapping_active_reservation(teacher, school, suit):
    loan = book(teacher, school, suit, date(2031, 3, 10), date(2031, 3, 12))
    held = loan.reservations.get()
    clash = Reservation(
        unit=held.unit,
        kind=Reservation.Kind.BOOKING,
        booking=loan,
        start_date=date(2031, 3, 13),
        end_date=date(2031, 3, 13),
        blocked_start=date(2031, 3, 13),
        blocked_end=date(2031, 3, 14),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
    clash.is_active = False
    clash.save()  # a cancelled reservation may overlap
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=clash.pk).update(is_active=True)  # and cannot come back
    after = Reservation(
        unit=held.unit,
        kind=Reservation.Kind.BOOKING,
        booking=loan,
        start_date=date(2031, 3, 17),
        end_date=date(2031, 3, 17),
        blocked_start=date(2031, 3, 14),
        blocked_end=date(2031, 3, 18),
    )
    after.save()  # the day after the blocked period is free
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=after.pk).update(blocked_start=date(2031, 3, 13))


@pytest.mark.django_db(transaction=True)
def test_the_engine_refuses_to_lock_outside_a_transaction(suit):
    with pytest.raises(RuntimeError):
        engine.lock_units(suit.units.values_list("pk", flat=True))


# --- prices --------------------------------------------------------------------------------------


def test_packs_have_a_price_for_non_members_and_delivery_a_fee(centre, sensors):
    _equipment, pack = sensors
    pack.external_price, pack.delivery_fee = Decimal("450.00"), Decimal("150.00")
    pack.save()
    municipality = SchoolFactory(name="Roskilde Kommune", home_centre=centre, is_member=False)
    buyer = member(municipality, Role.TEACHER, email="laerer@roskilde.example")
    picked_up = book(buyer, municipality, pack, date(2031, 3, 10), date(2031, 3, 12))
    assert picked_up.price == Decimal("450.00")
    assert picked_up.payment_status == Booking.Payment.PENDING
    services.booking_cancel(actor=buyer, booking=picked_up)
    delivered = book(buyer, municipality, pack, date(2031, 3, 10), date(2031, 3, 12), handover="delivery")
    assert delivered.price == Decimal("600.00")


def test_members_borrow_free_but_pay_for_delivery(teacher, school, suit):
    suit.external_price, suit.delivery_fee = Decimal("300.00"), Decimal("125.00")
    suit.save()
    assert book(teacher, school, suit, date(2031, 3, 10), date(2031, 3, 10)).price == Decimal("0.00")
    delivered = book(teacher, school, suit, date(2031, 3, 20), date(2031, 3, 20), handover="delivery")
    assert delivered.price == Decimal("125.00")
