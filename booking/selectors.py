"""Reads for the booking pages (teachers, coordinators) and the staff's lists."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.models import Equipment, MobilePack, Unit
from videnscenter import rules
from videnscenter.models import Organisation, Role, User

from . import engine, lifecycle
from .models import Booking

LIST_RELATED = ("equipment", "pack", "organisation", "requester", "created_by", "request")


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


PAST_PER_PAGE = 25


def _past(today: date) -> Q:
    """Finished, or over without being out: a loan that is out stays current until it is back, however late."""
    return Q(status__in=lifecycle.FINISHED) | (Q(end_date__lt=today) & ~Q(status__in=lifecycle.OUT))


def split_by_time(bookings: QuerySet[Booking], today: date) -> dict[str, list[Booking]]:
    """Current and upcoming, the way a teacher thinks of their loans; past ones are paged (``past_bookings``)."""
    groups: dict[str, list[Booking]] = {"current": [], "upcoming": []}
    for booking in bookings.exclude(_past(today)):
        if booking.status in lifecycle.OUT or booking.start_date <= today:
            groups["current"].append(booking)
        else:
            groups["upcoming"].append(booking)
    # A basket's lines stay together, in the order they were added.
    groups["upcoming"].sort(key=lambda b: (b.start_date, b.request_id or 0, b.pk))
    groups["current"].sort(key=lambda b: (b.end_date, b.request_id or 0, b.pk))
    return groups


def past_bookings(bookings: QuerySet[Booking], today: date) -> QuerySet[Booking]:
    """The past, newest first with a basket's lines together: years of it, so the page shows it in pages."""
    return bookings.filter(_past(today)).order_by("-start_date", F("request_id").desc(nulls_last=True), "pk")


def booking_detail(reference: str) -> Booking:
    return (
        Booking.objects.select_related(*LIST_RELATED, "programme", "owning_centre")
        .prefetch_related("reservations__unit")
        .get(reference=reference)
    )


def basket_lines(booking: Booking) -> list[Booking]:
    """The other lines of ``booking``'s basket (none for a booking made alone)."""
    if booking.request_id is None:
        return []
    return list(
        Booking.objects.filter(request_id=booking.request_id)
        .exclude(pk=booking.pk)
        .select_related("equipment", "pack", "owning_centre")
        .order_by("pk")
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


def loans_of_unit(unit: Unit, today: date) -> list[Booking]:
    """The loans of ``unit`` that wait for the desk: approved ones to hand out (from the next
    month back), and the one that is out, to take back. Its QR label leads the staff here."""
    return list(
        Booking.objects.filter(
            reservations__unit=unit,
            reservations__is_active=True,
            status__in=[Booking.Status.APPROVED, *lifecycle.OUT],
            start_date__lte=today + timedelta(days=31),
        )
        .select_related("organisation", "equipment", "pack")
        .distinct()
        .order_by("start_date", "pk")
    )


def free_periods(
    item: Equipment | MobilePack,
    *,
    start: date | None,
    end: date | None,
    quantity: int | None,
    today: date,
    count: int = 4,
) -> dict:
    """The next periods in which ``quantity`` units of ``item`` (a pack: all of it) can be booked,
    of the chosen length (a school week, Monday to Friday, until dates are chosen); none overlap."""
    rules_ = engine.rules_for(item)
    earliest = rules_.earliest_start(today)
    if start and end and start <= end and (end - start).days < rules_.max_loan:
        length = (end - start).days + 1
    else:
        start = earliest + timedelta(days=(7 - earliest.weekday()) % 7)
        length = min(5, rules_.max_loan)
    units = list(engine.units_of(item).only("pk", "status"))
    in_service = [u.pk for u in units if u.status == Unit.Status.IN_SERVICE]
    is_pack = isinstance(item, MobilePack)
    needed = len(units) if is_pack else max(1, quantity or 1)
    periods: list[tuple[date, date]] = []
    for first, last in engine.free_periods(in_service, needed, max(start, today), length, rules_, today=today):
        if not periods or first > periods[-1][1]:
            periods.append((first, last))
        if len(periods) == count:
            break
    return {"periods": periods, "needed": needed, "length": length, "is_pack": is_pack}
