"""Units that cannot be lent: maintenance windows, and units taken out of service.

A maintenance window blocks one unit for a period through a ``Reservation(kind=maintenance)``,
so the booking engine treats it like any other reservation. Taking a unit out of service does
not touch the bookings that hold it; it returns them with free substitute units, and the
owning centre's staff swap units one booking at a time (``booking_swap_unit``).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import User

from .. import engine, history
from ..models import MaintenanceWindow
from .selectors import BrokenBooking, broken_bookings

OUT_OF_SERVICE_STATUSES = (Unit.Status.MAINTENANCE, Unit.Status.RETIRED)


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
    (unit,) = engine.lock_units([unit.pk])
    if unit.status == Unit.Status.RETIRED:
        raise ServiceError({"unit": _("%(unit)s is retired.") % {"unit": unit.asset_tag}})
    window = MaintenanceWindow.objects.create(
        unit=unit, start_date=start_date, end_date=end_date, reason=reason, created_by=actor
    )
    try:
        engine.reserve(
            owner=window,
            holds=[engine.hold(unit, start_date, end_date)],
            message=_("%(unit)s was booked by someone else just now. Try again.") % {"unit": unit.asset_tag},
            today=today,
        )
    except engine.Clash as exc:
        if not exc.reservations:
            raise
        raise ServiceError(
            _("%(unit)s is reserved in that period by %(clashes)s. Swap the unit or choose other dates.")
            % {"unit": unit.asset_tag, "clashes": ", ".join(engine.describe(r) for r in exc.reservations)}
        ) from exc
    history.record(window, "maintenance.scheduled", actor=actor, note=reason)
    return window


@transaction.atomic
def maintenance_cancel(*, actor: User, window: MaintenanceWindow) -> None:
    """Delete a maintenance window; its reservation goes with it and the unit can be booked again.

    Raises PermissionDenied unless ``actor`` is staff of the centre that owns the unit.
    """
    window = MaintenanceWindow.objects.select_related("unit__equipment").get(pk=window.pk)
    rules.require(actor, "catalogue.manage", window.unit)
    engine.lock_units([window.unit_id])
    engine.release(owner=window)
    history.record(window, "maintenance.cancelled", actor=actor, note=window.reason)
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
    (unit,) = engine.lock_units([unit.pk])
    if unit.status == Unit.Status.RETIRED:
        raise ServiceError(_("%(unit)s is retired.") % {"unit": unit.asset_tag})
    action = "unit.retired" if status == Unit.Status.RETIRED else "unit.out_of_service"
    _change_status(unit, actor=actor, status=status, note=note, action=action)
    return broken_bookings(unit=unit, today=today)


@transaction.atomic
def unit_return_to_service(*, actor: User, unit: Unit, note: str) -> Unit:
    """Put a unit back in service after maintenance, noting what was done.

    Raises PermissionDenied unless ``actor`` is staff of the centre that owns the unit,
    ServiceError for an empty note or a unit that is not in maintenance (a retired unit stays
    retired).
    """
    rules.require(actor, "catalogue.manage", unit)
    note = note.strip()
    if not note:
        raise ServiceError({"note": _("Write what was done to the unit.")})
    (unit,) = engine.lock_units([unit.pk])
    if unit.status != Unit.Status.MAINTENANCE:
        raise ServiceError(
            _("Only a unit in maintenance can be put back in service; %(unit)s is “%(status)s”.")
            % {"unit": unit.asset_tag, "status": unit.get_status_display().lower()}
        )
    _change_status(unit, actor=actor, status=Unit.Status.IN_SERVICE, note=note, action="unit.back_in_service")
    return unit


def _change_status(unit: Unit, *, actor: User, status: str, note: str, action: str) -> None:
    """The one place a unit's status changes: the condition notes get a dated line, the log an entry."""
    previous = unit.status
    stamp = timezone.localtime().strftime("%d.%m.%Y")
    unit.status = status
    unit.condition_notes = f"{unit.condition_notes}\n{stamp}: {note}".strip()
    unit.save(update_fields=["status", "condition_notes"])
    history.record(unit, action, actor=actor, note=note, **{"from": previous, "to": status})
