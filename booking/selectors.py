"""Reads for the booking pages (teachers, coordinators) and the staff's lists."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.models import Unit
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
        .prefetch_related("reservations__unit")
        .get(reference=reference)
    )


@dataclass(frozen=True)
class DeskItem:
    key: str
    label: str
    count: int
    url: str


def desk(user: User, today: date) -> list[DeskItem]:
    """The staff's work waiting, each with the filtered list that holds it. Two queries."""
    counts = Booking.objects.for_centres(rules.managed_centre_ids(user)).aggregate(
        to_approve=Count("pk", filter=Q(status=Booking.Status.REQUESTED)),
        hand_out=Count("pk", filter=Q(status=Booking.Status.APPROVED, start_date=today)),
        receive=Count("pk", filter=Q(status__in=lifecycle.OUT, end_date=today)),
        overdue=Count("pk", filter=Q(status__in=lifecycle.OUT, end_date__lt=today)),
    )
    damaged = Unit.objects.filter(
        status=Unit.Status.MAINTENANCE, equipment__owning_centre__in=rules.managed_centre_ids(user)
    ).count()
    bookings = reverse("booking_admin:index")
    day = today.isoformat()
    return [
        DeskItem("to_approve", _("To approve"), counts["to_approve"], reverse("booking_admin:queue")),
        DeskItem("hand_out", _("To hand out today"), counts["hand_out"], f"{bookings}?status=approved&starts_on={day}"),
        DeskItem("receive", _("To receive today"), counts["receive"], f"{bookings}?status=handed_out&ends_on={day}"),
        DeskItem("overdue", _("Overdue"), counts["overdue"], f"{bookings}?overdue=true"),
        DeskItem(
            "damaged",
            _("Damaged units waiting"),
            damaged,
            reverse("wagtailsnippets_catalogue_unit:list") + "?status=maintenance",
        ),
    ]
