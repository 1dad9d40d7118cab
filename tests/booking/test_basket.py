"""The basket: several kinds and packs for one period in one request, all or nothing, one decision per centre."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from icalendar import Calendar

from booking import services
from booking.basket import services as basket
from booking.calendar import services as subscriptions
from booking.models import Booking, BookingRequest, Reservation
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import CategoryFactory, EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack
from videnscenter.errors import ServiceError
from videnscenter.models import Role

pytestmark = pytest.mark.django_db
MON = date(2031, 3, 10)


@pytest.fixture
def suit(centre):
    equipment = EquipmentFactory(
        name="Aldringsdragt", slug="aldringsdragt", owning_centre=centre, category=CategoryFactory()
    )
    for n in range(2):
        UnitFactory(equipment=equipment, asset_tag=f"AD-{n}")
    return equipment


@pytest.fixture
def seal(other_centre):
    """A robot seal owned by the other centre."""
    equipment = EquipmentFactory(
        name="Robotsæl", slug="robotsael", owning_centre=other_centre, category=CategoryFactory()
    )
    UnitFactory(equipment=equipment, asset_tag="RS-1")
    return equipment


@pytest.fixture
def pack(centre):
    pack = MobilePackFactory(name="Demenskassen", slug="demenskassen", owning_centre=centre)
    equipment = EquipmentFactory(owning_centre=centre, category=CategoryFactory())
    put_in_pack(
        pack, UnitFactory(equipment=equipment, asset_tag="DK-1"), UnitFactory(equipment=equipment, asset_tag="DK-2")
    )
    return pack


def order(teacher, school, *lines, start=MON, days=5, **kwargs):
    return basket.basket_request(
        actor=teacher,
        organisation=school,
        lines=[basket.Line(item, quantity) for item, quantity in lines],
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        today=TODAY,
        **kwargs,
    )


def test_a_basket_books_every_line_under_one_reference(teacher, school, lift, suit, seal, pack):
    request = order(teacher, school, (lift, 2), (suit, 1), (seal, 1), (pack, 1), class_name="SSA 24B", student_count=20)
    lines = list(request.lines.order_by("pk"))
    assert [line.reference for line in lines] == [f"{request.reference}-{n}" for n in range(1, 5)]
    assert [(line.item_name, line.quantity) for line in lines] == [
        ("Loftlift", 2),
        ("Aldringsdragt", 1),
        ("Robotsæl", 1),
        ("Demenskassen", 1),
    ]
    assert {(line.start_date, line.end_date, line.class_name, line.student_count) for line in lines} == {
        (MON, MON + timedelta(days=4), "SSA 24B", 20)
    }
    assert Reservation.objects.filter(booking__request=request, is_active=True).count() == 2 + 1 + 1 + 2
    assert {line.owning_centre_id for line in lines} == {lift.owning_centre_id, seal.owning_centre_id}


def test_one_line_not_free_books_nothing_and_names_that_line(teacher, school, lift, suit, seal, committing):
    services.booking_request(
        actor=teacher, organisation=school, equipment=seal, start_date=MON, end_date=MON, today=TODAY
    )
    sent = len(mail.outbox)
    with pytest.raises(basket.LineNotAvailable) as caught:
        committing(order, teacher, school, (lift, 1), (suit, 2), (seal, 1))
    assert caught.value.line.item == seal
    assert "Robotsæl" in caught.value.messages[0]
    assert caught.value.reason.reasons[0].unit.asset_tag == "RS-1"
    assert not BookingRequest.objects.exists()
    assert Booking.objects.count() == 1 and Reservation.objects.count() == 1
    assert len(mail.outbox) == sent


def test_invalid_line_books_nothing(teacher, school, lift, suit):
    suit.min_notice_days = 20
    suit.save()
    with pytest.raises(ServiceError) as caught:
        order(teacher, school, (lift, 1), (suit, 1))
    assert "Aldringsdragt" in caught.value.messages[0]
    assert not Booking.objects.exists() and not Reservation.objects.exists()


def test_empty_basket_and_duplicate_lines_are_refused(teacher, school, lift):
    with pytest.raises(ServiceError):
        order(teacher, school)
    with pytest.raises(ServiceError):
        order(teacher, school, (lift, 1), (lift, 1))
    assert not Booking.objects.exists()


def test_a_pack_and_a_unit_of_its_kind_in_one_basket_do_not_clash(teacher, school, pack):
    equipment = pack.items.first().unit.equipment
    UnitFactory(equipment=equipment, asset_tag="DK-3")
    request = order(teacher, school, (pack, 1), (equipment, 1))
    taken = Reservation.objects.filter(booking__request=request).values_list("unit__asset_tag", flat=True)
    assert sorted(taken) == ["DK-1", "DK-2", "DK-3"]
    # And there is no fourth unit: asking for two of the kind next to the pack fails whole.
    with pytest.raises(basket.LineNotAvailable):
        order(teacher, school, (pack, 1), (equipment, 2), start=MON + timedelta(days=14))


def test_one_email_to_the_teacher_and_one_per_owning_centre(
    teacher, school, lift, suit, seal, staff, other_staff, committing
):
    request = committing(order, teacher, school, (lift, 1), (suit, 1), (seal, 1))
    to_teacher = [m for m in mail.outbox if m.to == [teacher.email]]
    assert len(to_teacher) == 1
    body = to_teacher[0].body
    assert request.reference in to_teacher[0].subject
    for name in ("Loftlift", "Aldringsdragt", "Robotsæl"):
        assert name in body
    attachment = to_teacher[0].attachments[0]
    assert len(Calendar.from_ical(attachment[1]).walk("VEVENT")) == 3
    to_staff = [m for m in mail.outbox if m.to in ([staff.email], [other_staff.email])]
    assert sorted(m.to[0] for m in to_staff) == sorted([staff.email, other_staff.email])
    oest = next(m for m in to_staff if m.to == [staff.email])
    assert "Loftlift" in oest.body and "Aldringsdragt" in oest.body and "Robotsæl" not in oest.body


def test_approving_one_line_approves_the_centres_lines_only(teacher, school, lift, suit, seal, staff, committing):
    request = order(teacher, school, (lift, 1), (suit, 1), (seal, 1))
    first = request.lines.get(equipment=lift)
    sent = len(mail.outbox)
    committing(services.booking_approve, actor=staff, booking=first, today=TODAY)
    statuses = dict(request.lines.values_list("equipment__name", "status"))
    assert statuses == {"Loftlift": "approved", "Aldringsdragt": "approved", "Robotsæl": "requested"}
    # One status e-mail for the centre's decision, listing both of its lines.
    new = mail.outbox[sent:]
    assert len(new) == 1 and "Loftlift" in new[0].body and "Aldringsdragt" in new[0].body


def test_rejecting_one_line_rejects_the_centres_lines_and_frees_their_units(teacher, school, lift, suit, seal, staff):
    request = order(teacher, school, (lift, 1), (suit, 1), (seal, 1))
    services.booking_reject(actor=staff, booking=request.lines.get(equipment=suit), reason="Ikke i den uge")
    statuses = dict(request.lines.values_list("equipment__name", "status"))
    assert statuses == {"Loftlift": "rejected", "Aldringsdragt": "rejected", "Robotsæl": "requested"}
    assert Reservation.objects.filter(booking__request=request, is_active=True).count() == 1


def test_staff_cannot_decide_another_centres_line(teacher, school, lift, seal, staff):
    request = order(teacher, school, (lift, 1), (seal, 1))
    foreign = request.lines.get(equipment=seal)
    with pytest.raises(PermissionDenied):
        services.booking_approve(actor=staff, booking=foreign, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.booking_reject(actor=staff, booking=foreign, reason="nej")
    assert set(request.lines.values_list("status", flat=True)) == {"requested"}


def test_teacher_cannot_book_a_basket_for_another_school(teacher, other_school, lift):
    with pytest.raises(PermissionDenied):
        order(teacher, other_school, (lift, 1))
    assert not Booking.objects.exists()


def test_teacher_cannot_book_a_basket_in_another_teachers_name(teacher, school, lift):
    colleague = member(school, Role.TEACHER)
    with pytest.raises(PermissionDenied):
        order(teacher, school, (lift, 1), requester=colleague)


def test_every_line_is_its_own_feed_event(client, teacher, school, lift, suit, seal, monkeypatch):
    monkeypatch.setattr("booking.calendar.views.timezone.localdate", lambda: TODAY)
    request = order(teacher, school, (lift, 1), (suit, 1), (seal, 1))
    _subscription, raw = subscriptions.subscription_create(owner=teacher, kind="mine")
    cal = Calendar.from_ical(client.get(reverse("calendar:feed", args=[raw])).content)
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert uids == {f"booking-{line.reference}@videnscenter" for line in request.lines.all()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_baskets_racing_for_the_last_unit_one_wins_whole_the_other_writes_nothing():
    import threading

    from django.db import connections

    from tests.factories import CentreFactory, SchoolFactory

    centre = CentreFactory()
    school = SchoolFactory(home_centre=centre)
    scarce = EquipmentFactory(owning_centre=centre, category=CategoryFactory(), min_notice_days=0)
    UnitFactory(equipment=scarce)
    plenty = [EquipmentFactory(owning_centre=centre, category=CategoryFactory(), min_notice_days=0) for _ in range(2)]
    for equipment in plenty:
        for _ in range(3):
            UnitFactory(equipment=equipment)
    teachers = [member(school, Role.TEACHER) for _ in range(6)]
    barrier = threading.Barrier(len(teachers))
    outcomes: list[str] = []
    guard = threading.Lock()

    def attempt(n, teacher):
        # Each basket lists the lines in a different order: locking must not deadlock.
        lines = [(plenty[0], 1), (scarce, 1), (plenty[1], 1)]
        if n % 2:
            lines.reverse()
        try:
            barrier.wait(timeout=30)
            order(teacher, school, *lines)
            result = "booked"
        except basket.LineNotAvailable as exc:
            result = "not available: " + exc.line.item.name
        except Exception as exc:  # any other outcome fails the test below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n, t)) for n, t in enumerate(teachers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count(f"not available: {scarce.name}") == 5, outcomes
    winner = BookingRequest.objects.get()
    assert winner.lines.count() == 3 and Booking.objects.count() == 3
    assert Reservation.objects.filter(is_active=True).count() == 3
