"""Units that cannot be lent: maintenance windows, and units taken out of service.

A maintenance window blocks one unit for a period through a ``Reservation(kind=maintenance)``,
so the booking engine treats it like any other reservation. Taking a unit out of service does
not touch the bookings that hold it; it returns them with free substitute units, and the
owning centre's staff swap units one booking at a time (``booking_swap_unit``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import User

from . import engine
from .models import Booking, MaintenanceWindow, PopUpCentre, Reservation
from .services import _lock_units

# Bookings whose units are still needed: not yet returned, and not cancelled or rejected.
OPEN_BOOKING_STATUSES = (Booking.Status.REQUESTED, Booking.Status.APPROVED, Booking.Status.HANDED_OUT)
OUT_OF_SERVICE_STATUSES = (Unit.Status.MAINTENANCE, Unit.Status.RETIRED)


@dataclass
class BrokenBooking:
    """A booking that holds a unit which is out of service, and the units that could replace it."""

    booking: Booking
    substitutes: list[Unit] = field(default_factory=list)
    reservation: Reservation | None = None  # the broken unit's reservation: its blocked period


def _clash_names(reservations) -> list[str]:
    names = []
    for r in reservations:
        if r.kind == Reservation.Kind.BOOKING:
            names.append(_("booking %(reference)s") % {"reference": r.booking.reference})
        elif r.kind == Reservation.Kind.POPUP:
            names.append(_("the PopUp centre “%(title)s”") % {"title": r.popup.title})
        else:
            names.append(
                _("maintenance %(first)s–%(last)s")
                % {"first": r.start_date.strftime("%d.%m.%Y"), "last": r.end_date.strftime("%d.%m.%Y")}
            )
    return names


@transaction.atomic
def maintenance_schedule(
    *, actor: User, unit: Unit, start_date: date, end_date: date, reason: str, today: date | None = None
) -> MaintenanceWindow:
    """Block ``unit`` for maintenance from ``start_date`` to ``end_date`` (both included).

    Creates a MaintenanceWindow and a reservation for exactly that period. Refuses (ServiceError)
    when active bookings, PopUp centres or other maintenance of the unit overlap, naming them.
    Raises PermissionDenied unless ``actor`` is staff of the centre that owns the unit.
    """
    rules.require(actor, "catalogue.manage", unit)
    today = today or timezone.localdate()
    reason = reason.strip()
    if end_date < start_date:
        raise ServiceError({"end_date": _("The last day must be on or after the first day.")})
    if end_date < today:
        raise ServiceError({"end_date": _("The last day cannot be in the past.")})
    if not reason:
        raise ServiceError({"reason": _("Write what is to be done to the unit.")})
    (unit,) = _lock_units([unit.pk])
    if unit.status == Unit.Status.RETIRED:
        raise ServiceError({"unit": _("%(unit)s is retired.") % {"unit": unit.asset_tag}})
    clashes = list(
        engine.overlapping([unit.pk], start_date, end_date)
        .select_related("booking", "popup")
        .order_by("blocked_start", "pk")
    )
    if clashes:
        raise ServiceError(
            _("%(unit)s is reserved in that period by %(clashes)s. Swap the unit or choose other dates.")
            % {"unit": unit.asset_tag, "clashes": ", ".join(_clash_names(clashes))}
        )
    window = MaintenanceWindow.objects.create(
        unit=unit, start_date=start_date, end_date=end_date, reason=reason, created_by=actor
    )
    try:
        with transaction.atomic():
            Reservation.objects.create(
                unit=unit,
                kind=Reservation.Kind.MAINTENANCE,
                maintenance=window,
                start_date=start_date,
                end_date=end_date,
                blocked_start=start_date,
                blocked_end=end_date,
            )
    except IntegrityError as exc:
        # PostgreSQL's exclusion constraint caught a clash the lock did not.
        raise ServiceError(
            _("%(unit)s was booked by someone else just now. Try again.") % {"unit": unit.asset_tag}
        ) from exc
    return window


@transaction.atomic
def maintenance_cancel(*, actor: User, window: MaintenanceWindow) -> None:
    """Delete a maintenance window; its reservation goes with it and the unit can be booked again.

    Raises PermissionDenied unless ``actor`` is staff of the centre that owns the unit.
    """
    window = MaintenanceWindow.objects.select_related("unit__equipment").get(pk=window.pk)
    rules.require(actor, "catalogue.manage", window.unit)
    _lock_units([window.unit_id])
    window.delete()


@transaction.atomic
def unit_take_out_of_service(
    *, actor: User, unit: Unit, status: str, note: str, today: date | None = None
) -> list[BrokenBooking]:
    """Send ``unit`` to maintenance or retire it, and note why in its condition notes.

    Returns every current or future open booking that holds the unit, each with the other
    in-service units of the same equipment that are free for its blocked period. The bookings
    themselves are not changed. Raises PermissionDenied unless ``actor`` is staff of the centre
    that owns the unit, ServiceError for another status or an empty note.
    """
    rules.require(actor, "catalogue.manage", unit)
    if status not in OUT_OF_SERVICE_STATUSES:
        raise ServiceError({"status": _("Choose maintenance or retired.")})
    note = note.strip()
    if not note:
        raise ServiceError({"note": _("Describe why the unit is taken out of service.")})
    (unit,) = _lock_units([unit.pk])
    stamp = timezone.localtime().strftime("%d.%m.%Y")
    unit.status = status
    unit.condition_notes = f"{unit.condition_notes}\n{stamp}: {note}".strip()
    unit.save(update_fields=["status", "condition_notes"])
    return broken_bookings(unit=unit, today=today)


# --- reads ---------------------------------------------------------------------------------------


def broken_bookings(*, unit: Unit, today: date | None = None) -> list[BrokenBooking]:
    """Open bookings with a reservation of ``unit`` that has not ended, with substitute units.

    A fixed number of queries, however many bookings are affected.
    """
    today = today or timezone.localdate()
    reservations = list(
        Reservation.objects.filter(
            unit=unit,
            kind=Reservation.Kind.BOOKING,
            is_active=True,
            blocked_end__gte=today,
            booking__status__in=OPEN_BOOKING_STATUSES,
        )
        .select_related("booking__organisation", "booking__equipment", "booking__pack")
        .order_by("blocked_start", "pk")
    )
    if not reservations:
        return []
    others = list(
        Unit.objects.in_service()
        .filter(equipment_id=unit.equipment_id)
        .exclude(pk=unit.pk)
        .select_related("current_location", "equipment")
    )
    first = min(r.blocked_start for r in reservations)
    last = max(r.blocked_end for r in reservations)
    busy: dict[int, list[tuple[date, date]]] = {}
    for unit_id, start, end in engine.overlapping([u.pk for u in others], first, last).values_list(
        "unit_id", "blocked_start", "blocked_end"
    ):
        busy.setdefault(unit_id, []).append((start, end))
    found = []
    for r in reservations:
        free = [
            u
            for u in others
            if not any(start <= r.blocked_end and end >= r.blocked_start for start, end in busy.get(u.pk, []))
        ]
        found.append(BrokenBooking(r.booking, engine.prefer_near(free, r.booking.organisation), r))
    return found


def popups_holding(*, unit: Unit, today: date | None = None) -> list[PopUpCentre]:
    """Scheduled PopUp centres that have not ended and hold ``unit`` (they have no swap; staff re-plan them)."""
    today = today or timezone.localdate()
    return list(
        PopUpCentre.objects.filter(
            reservations__unit=unit,
            reservations__is_active=True,
            reservations__blocked_end__gte=today,
            status=PopUpCentre.Status.SCHEDULED,
        )
        .distinct()
        .order_by("start_date")
    )
