"""Reads for the booking pages (teachers, coordinators) and the staff's lists."""

from datetime import date

from django.db.models import Q, QuerySet

from videnscenter import rules
from videnscenter.models import Organisation, Role, User

from . import lifecycle
from .models import Booking

LIST_RELATED = ("equipment", "pack", "organisation", "requester", "created_by")


def bookable_organisations(user: User) -> list[Organisation]:
    """The schools this person may book for."""
    return [m.organisation for m in rules.confirmed_memberships(user) if m.role in (Role.TEACHER, Role.COORDINATOR)]


def coordinates_a_school(user: User) -> bool:
    return any(m.role == Role.COORDINATOR for m in rules.confirmed_memberships(user))


def my_bookings(user: User) -> QuerySet[Booking]:
    return Booking.objects.filter(Q(requester=user) | Q(created_by=user)).select_related(*LIST_RELATED)


def school_bookings(user: User) -> QuerySet[Booking]:
    """Every booking of the schools this person coordinates."""
    schools = [m.organisation_id for m in rules.confirmed_memberships(user) if m.role == Role.COORDINATOR]
    return Booking.objects.filter(organisation_id__in=schools).select_related(*LIST_RELATED)


def centre_bookings(user: User) -> QuerySet[Booking]:
    """Bookings of the centres this person manages, with what the staff lists show."""
    return Booking.objects.for_centres(rules.managed_centre_ids(user)).select_related(*LIST_RELATED)


def split_by_time(bookings, today: date) -> dict[str, list[Booking]]:
    """Upcoming, current and past, the way a teacher thinks of their loans.

    A loan that is out stays current until it is back, however late.
    """
    groups: dict[str, list[Booking]] = {"current": [], "upcoming": [], "past": []}
    for booking in bookings:
        if booking.status in lifecycle.OUT:
            groups["current"].append(booking)
        elif booking.status in lifecycle.FINISHED or booking.end_date < today:
            groups["past"].append(booking)
        elif booking.start_date <= today:
            groups["current"].append(booking)
        else:
            groups["upcoming"].append(booking)
    groups["upcoming"].sort(key=lambda b: b.start_date)
    groups["current"].sort(key=lambda b: b.end_date)
    return groups


def booking_detail(reference: str) -> Booking:
    return (
        Booking.objects.select_related(*LIST_RELATED, "programme", "owning_centre")
        .prefetch_related("reservations__unit", "events__actor")
        .get(reference=reference)
    )
