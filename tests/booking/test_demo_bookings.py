import pytest

from booking.demo import load_bookings
from booking.models import Booking
from catalogue.demo import load_catalogue
from videnscenter.demo import load_people

pytestmark = pytest.mark.django_db


def test_demo_bookings_cover_every_state_and_are_not_duplicated():
    load_people()
    load_catalogue()
    load_bookings()
    count = Booking.objects.count()
    load_bookings()
    assert Booking.objects.count() == count >= 10
    assert set(Booking.objects.values_list("status", flat=True)) == set(Booking.Status.values)


def test_demo_has_a_basket_waiting_for_both_centres():
    from booking.models import BookingRequest

    load_people()
    load_catalogue()
    load_bookings()
    basket = BookingRequest.objects.get()
    lines = list(basket.lines.all())
    assert len(lines) == 3 and {line.status for line in lines} == {"requested"}
    assert len({line.owning_centre_id for line in lines}) == 2
