"""For random equipment, loans, maintenance and periods: the catalogue's "free between two dates"
lists exactly the equipment a teacher can then book for those dates.

Equipment differ in buffers, notice, longest loan and number of units; existing loans include
ones handed out and not back (overdue); some units are out of service or in maintenance.
"""

import contextlib
from datetime import timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking import services
from booking.maintenance.services import maintenance_schedule
from catalogue.models import Equipment, Unit
from catalogue.selectors import bookable_between
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import EquipmentFactory, SchoolFactory, UnitFactory
from videnscenter.errors import ServiceError
from videnscenter.models import Role

LONG_AGO = TODAY - timedelta(days=40)

kind = st.fixed_dictionaries(
    {
        "before": st.integers(0, 2),
        "after": st.integers(0, 2),
        "notice": st.integers(0, 6),
        "max_loan": st.integers(1, 10),
        "units": st.integers(1, 3),
        "broken": st.booleans(),
    }
)
loan = st.tuples(st.integers(0, 3), st.integers(-30, 25), st.integers(1, 6), st.sampled_from(["requested", "out"]))
repair = st.tuples(st.integers(0, 3), st.integers(0, 20), st.integers(0, 4))
period = st.tuples(st.integers(0, 25), st.integers(1, 8))


class Rollback(Exception):
    pass


def can_book(teacher, school, equipment, start, end) -> bool:
    try:
        with transaction.atomic():
            services.booking_request(
                actor=teacher, organisation=school, equipment=equipment, start_date=start, end_date=end, today=TODAY
            )
            raise Rollback
    except Rollback:
        return True
    except ServiceError:
        return False


def make_world(centre, staff, kinds, loans, repairs):
    lender = SchoolFactory(home_centre=centre)
    borrower = member(lender, Role.TEACHER)
    equipment = []
    for k in kinds:
        item = EquipmentFactory(
            owning_centre=centre,
            buffer_before_days=k["before"],
            buffer_after_days=k["after"],
            min_notice_days=k["notice"],
            max_loan_days=k["max_loan"],
        )
        units = [UnitFactory(equipment=item) for _ in range(k["units"])]
        if k["broken"]:
            Unit.objects.filter(pk=units[0].pk).update(status=Unit.Status.MAINTENANCE)
        equipment.append(item)
    for index, offset, length, state in loans:
        item = equipment[index % len(equipment)]
        start = TODAY + timedelta(days=offset)
        try:
            booking = services.booking_request(
                actor=borrower,
                organisation=lender,
                equipment=item,
                start_date=start,
                end_date=start + timedelta(days=min(length, item.max_loan_days) - 1),
                today=min(start, LONG_AGO),
            )
            if state == "out":
                services.booking_approve(actor=staff, booking=booking, today=min(start, LONG_AGO))
                services.booking_hand_out(actor=staff, booking=booking, today=start)
        except ServiceError:
            pass  # taken already: fine, the world is what it is
    for index, offset, length in repairs:
        item = equipment[index % len(equipment)]
        unit = item.units.order_by("pk").last()
        start = TODAY + timedelta(days=offset)
        with contextlib.suppress(ServiceError):
            maintenance_schedule(
                actor=staff, unit=unit, start_date=start, end_date=start + timedelta(days=length), reason="Service"
            )
    return equipment


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kinds=st.lists(kind, min_size=1, max_size=4),
    loans=st.lists(loan, max_size=6),
    repairs=st.lists(repair, max_size=2),
    asked=period,
)
def test_equipment_listed_free_can_be_booked_and_equipment_left_out_cannot(
    centre, staff, teacher, school, kinds, loans, repairs, asked
):
    with transaction.atomic():
        equipment = make_world(centre, staff, kinds, loans, repairs)
        start = TODAY + timedelta(days=asked[0])
        end = start + timedelta(days=asked[1] - 1)
        listed = set(
            bookable_between(Equipment.objects.filter(pk__in=[e.pk for e in equipment]), start, end, today=TODAY)
        )
        for item in equipment:
            assert (item in listed) == can_book(teacher, school, item, start, end), (item, start, end)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_property_covers_a_loan_that_is_late(centre, staff, teacher, school):
    """A fixed example of the property: an overdue loan hides its equipment for every later period."""
    kinds = [{"before": 0, "after": 0, "notice": 0, "max_loan": 10, "units": 1, "broken": False}]
    (item,) = make_world(centre, staff, kinds, [(0, -10, 3, "out")], [])
    later = TODAY + timedelta(days=20)
    assert item not in bookable_between(Equipment.objects.all(), later, later, today=TODAY)
    assert not can_book(teacher, school, item, later, later)
