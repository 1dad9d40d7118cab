"""Guarantees that hold only on PostgreSQL: the exclusion constraint and row locks under real concurrency."""

import threading
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, connections, transaction

from booking import engine, services
from booking.models import Booking, Reservation
from catalogue.models import Unit
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import CategoryFactory, CentreFactory, EquipmentFactory, SchoolFactory, UnitFactory
from videnscenter.errors import ServiceError
from videnscenter.models import Role

pytestmark = pytest.mark.postgres
MON = date(2031, 3, 10)


@pytest.mark.django_db
def test_exclusion_constraint_stops_overlaps_even_without_the_service(teacher, school, lift):
    booking = services.booking_request(
        actor=teacher, organisation=school, equipment=lift, start_date=MON, end_date=MON, today=TODAY
    )
    unit = booking.reservations.get().unit
    clash = Reservation(
        unit=unit,
        kind="booking",
        booking=booking,
        start_date=MON + timedelta(days=1),
        end_date=MON + timedelta(days=1),
        blocked_start=MON,
        blocked_end=MON + timedelta(days=2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
    # An inactive (cancelled) reservation may overlap.
    clash.is_active = False
    clash.save()
    assert connection.vendor == "postgresql"


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_for_the_last_free_unit_exactly_one_wins():
    centre = CentreFactory()
    school = SchoolFactory(home_centre=centre)
    equipment = EquipmentFactory(owning_centre=centre, category=CategoryFactory(), min_notice_days=0)
    UnitFactory(equipment=equipment)
    teachers = [member(school, Role.TEACHER) for _ in range(20)]
    barrier = threading.Barrier(len(teachers))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(teacher):
        try:
            barrier.wait(timeout=30)
            services.booking_request(
                actor=teacher,
                organisation=school,
                equipment=equipment,
                start_date=MON,
                end_date=MON + timedelta(days=1),
                today=TODAY,
            )
            result = "booked"
        except engine.NotAvailable:
            result = "not available"
        except ServiceError as exc:
            result = "error: " + " ".join(exc.messages)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 20
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count("not available") == 19, outcomes
    assert Booking.objects.count() == 1
    assert Reservation.objects.filter(is_active=True, unit__in=Unit.objects.filter(equipment=equipment)).count() == 1
