"""Random sequences of request, cancel and change never leave two active overlapping reservations."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking import services
from booking.models import Booking, Reservation
from tests.booking.conftest import TODAY
from videnscenter.errors import ServiceError

START = date(2031, 3, 10)

step = st.one_of(
    st.tuples(st.just("request"), st.integers(0, 40), st.integers(0, 6), st.integers(1, 3)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("change"), st.integers(0, 20), st.integers(0, 40), st.integers(0, 6), st.integers(1, 3)),
)


def assert_no_overlap():
    active = list(Reservation.objects.filter(is_active=True).values_list("unit_id", "blocked_start", "blocked_end"))
    for i, (unit, a1, b1) in enumerate(active):
        for unit2, a2, b2 in active[i + 1 :]:
            assert not (unit == unit2 and a1 <= b2 and a2 <= b1), (unit, a1, b1, a2, b2)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_random_request_cancel_change_sequences_never_double_book(teacher, school, lift, steps):
    Booking.objects.all().delete()
    for action in steps:
        bookings = list(Booking.objects.order_by("pk"))
        try:
            if action[0] == "request":
                _, offset, length, quantity = action
                start = START + timedelta(days=offset)
                services.booking_request(
                    actor=teacher,
                    organisation=school,
                    equipment=lift,
                    quantity=quantity,
                    start_date=start,
                    end_date=start + timedelta(days=length),
                    today=TODAY,
                )
            elif action[0] == "cancel" and bookings:
                services.booking_cancel(actor=teacher, booking=bookings[action[1] % len(bookings)])
            elif action[0] == "change" and bookings:
                _, index, offset, length, quantity = action
                start = START + timedelta(days=offset)
                services.booking_change(
                    actor=teacher,
                    booking=bookings[index % len(bookings)],
                    start_date=start,
                    end_date=start + timedelta(days=length),
                    quantity=quantity,
                    today=TODAY,
                )
        except ServiceError:
            pass  # refusals are fine; what matters is what is stored
        assert_no_overlap()
        for booking in Booking.objects.filter(status=Booking.Status.REQUESTED):
            assert booking.reservations.filter(is_active=True).count() == booking.quantity
