"""Every write to a booking: request, change, approve, reject, hand out, return, close, cancel, swap.

Each function is keyword-only and runs in one transaction. Units are chosen, locked, reserved
and released only through ``booking.engine``; which status may follow which is
``booking.lifecycle``; who may do it is ``videnscenter.rules``. Errors are ``ServiceError`` (or
``engine.NotAvailable``) with a Danish message. Every status change is logged
(``booking.history``, on Wagtail's log entries); e-mails go out after commit.
"""

import secrets
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Equipment, MobilePack, Programme, Unit
from videnscenter import rules, versions
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from . import billing, checks, engine, history, lifecycle, notifications
from .maintenance import services as maintenance
from .models import Booking, BookingRequest
from .pricing import booking_price

S = Booking.Status
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


# --- reserving units ---------------------------------------------------------------------------


def _reserve(booking: Booking, *, today: date, units: list[Unit] | None = None) -> None:
    """Reserve ``booking.quantity`` free units (a pack: all of it; or exactly ``units``) for its loan."""
    item = booking.equipment or booking.pack
    loan_rules = engine.rules_for(item)
    all_units = engine.lock_units(engine.units_of(item).values_list("pk", flat=True))
    first, last = loan_rules.blocked(booking.start_date, booking.end_date)
    free = engine.free_units(all_units, first, last, exclude=booking, today=today)
    if units is not None:
        wanted = {u.pk for u in units}
        chosen = [u for u in free if u.pk in wanted]
        needed = len(wanted)
    elif booking.pack_id:
        chosen = all_units if all_units and len(free) == len(all_units) else []
        needed = len(all_units)
    else:
        chosen = engine.prefer(free, booking.organisation)[: booking.quantity]
        needed = booking.quantity
    if not all_units or len(chosen) < needed:
        raise engine.explain(
            item=item,
            units=all_units,
            start=booking.start_date,
            end=booking.end_date,
            needed=max(needed, 1),
            today=today,
            exclude=booking,
        )
    engine.reserve(
        owner=booking,
        holds=[engine.hold(unit, booking.start_date, booking.end_date, loan_rules) for unit in chosen],
        message=_("%(item)s was booked by someone else just now. Try again.") % {"item": item.name},
        today=today,
    )
    if not booking.pack_id:
        booking.quantity = len(chosen)


def new_reference() -> str:
    """A fresh reference for a booking or a basket (they share one namespace: a basket's lines are
    its reference plus "-1", "-2", ...)."""
    while True:
        reference = "B-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        taken = Q(reference=reference) | Q(reference__startswith=reference + "-")
        if (
            not Booking.objects.filter(taken).exists()
            and not BookingRequest.objects.filter(reference=reference).exists()
        ):
            return reference


def _move(booking: Booking, to: str, *, actor: User | None, note: str = "") -> None:
    """Change the status (refused with a message where the lifecycle does not allow it) and log it."""
    if not lifecycle.may_move(booking.status, to):
        raise ServiceError(
            _("A booking that is “%(current)s” cannot be “%(target)s”.")
            % {"current": booking.get_status_display().lower(), "target": S(to).label.lower()}
        )
    previous = booking.status
    booking.status = to
    booking.sequence += 1
    booking.save()
    versions.bump(versions.BOOKINGS)  # [speed] pages, "my bookings" and feeds show the status
    if to in lifecycle.WITHDRAWN:
        engine.release(owner=booking)
    history.booking_transition(booking, actor=actor, from_status=previous, to_status=to, note=note)


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("equipment", "pack", "organisation", "requester", "owning_centre")
        .get(pk=booking.pk)
    )


def _decide_with(booking: Booking, to: str, *, actor: User, note: str) -> list[Booking]:
    """One decision per owning centre and basket: the same centre's other waiting lines of
    ``booking``'s basket follow it (unchanged); other centres' lines wait for their own staff."""
    if booking.request_id is None:
        return []
    siblings = list(
        Booking.objects.select_for_update(of=("self",))
        .select_related("equipment", "pack", "organisation", "requester", "owning_centre")
        .filter(request_id=booking.request_id, owning_centre_id=booking.owning_centre_id, status=S.REQUESTED)
        .exclude(pk=booking.pk)
        .order_by("pk")
    )
    for line in siblings:
        line.decision_note = note
        _move(line, to, actor=actor, note=note)
    return siblings


# --- the public services -----------------------------------------------------------------------


def book_line(
    *,
    actor: User,
    requester: User,
    organisation: Organisation,
    item: Equipment | MobilePack,
    start_date: date,
    end_date: date,
    quantity: int = 1,
    handover: str = Booking.Handover.PICKUP,
    programme: Programme | None = None,
    class_name: str = "",
    student_count: int | None = None,
    note: str = "",
    reference: str | None = None,
    request: BookingRequest | None = None,
    today: date,
) -> Booking:
    """Check, create and reserve one booking (alone or a line of a basket ``request``) and log it.

    No e-mail and no approval: ``booking_request`` and ``basket_request`` add those. Must run in
    their transaction; raises ServiceError for invalid input, NotAvailable when units are missing.
    """
    is_pack = isinstance(item, MobilePack)
    if not item.is_active:
        raise ServiceError(_("%(item)s cannot be booked at the moment.") % {"item": item.name})
    if not is_pack and not 1 <= quantity <= 50:
        raise ServiceError({"quantity": _("Choose between 1 and 50 units.")})
    if student_count is not None and not 0 <= student_count <= 1000:
        raise ServiceError({"student_count": _("Enter a number of students between 0 and 1000.")})
    checks.check_period(item, start_date, end_date, today=today, staff=False)
    checks.check_handover(item, handover)
    price = booking_price(item=item, is_member=organisation.is_member, handover=handover)
    booking = Booking(
        reference=reference or new_reference(),
        request=request,
        requester=requester,
        created_by=actor,
        organisation=organisation,
        owning_centre_id=item.owning_centre_id,
        equipment=None if is_pack else item,
        pack=item if is_pack else None,
        quantity=1 if is_pack else quantity,
        start_date=start_date,
        end_date=end_date,
        handover=handover,
        programme=programme,
        class_name=class_name.strip(),
        student_count=student_count,
        note=note.strip(),
        price=price,
        payment_status=Booking.Payment.NOT_REQUIRED if price == 0 else Booking.Payment.PENDING,
    )
    booking.save()
    _reserve(booking, today=today)
    booking.save(update_fields=["quantity"])
    history.booking_transition(booking, actor=actor, from_status="", to_status=S.REQUESTED, note=booking.note)
    return booking


def approve_automatically(bookings: list[Booking]) -> list[Booking]:
    """Approve at once the lines whose equipment is set to auto-approve; return the others (to decide)."""
    waiting = []
    for booking in bookings:
        if booking.equipment_id and booking.equipment.auto_approve:
            _move(booking, S.APPROVED, actor=None, note=_("Approved automatically."))
            notifications.booking_event(booking, "approved")
            billing.booking_approved(booking)  # payments: a price is asked for once approved
        else:
            waiting.append(booking)
    return waiting


@transaction.atomic
def booking_request(
    *,
    actor: User,
    organisation: Organisation,
    start_date: date,
    end_date: date,
    equipment: Equipment | None = None,
    pack: MobilePack | None = None,
    quantity: int = 1,
    handover: str = Booking.Handover.PICKUP,
    programme: Programme | None = None,
    class_name: str = "",
    student_count: int | None = None,
    note: str = "",
    requester: User | None = None,
    today: date | None = None,
) -> Booking:
    """Request a loan of ``quantity`` units of ``equipment`` (or the whole ``pack``) for ``organisation``.

    Picks specific free units (outside packs and already at the school first) and reserves them
    for the loan plus the working-day buffers. Approves at once if the equipment is set to
    auto-approve. Raises PermissionDenied, ServiceError for invalid input, NotAvailable when
    units are missing.
    """
    item = equipment or pack
    if item is None or (equipment and pack):
        raise ServiceError(_("Choose either equipment or a mobile pack."))
    requester = requester or actor
    checks.check_requester(actor=actor, requester=requester, organisation=organisation)
    booking = book_line(
        actor=actor,
        requester=requester,
        organisation=organisation,
        item=item,
        start_date=start_date,
        end_date=end_date,
        quantity=quantity,
        handover=handover,
        programme=programme,
        class_name=class_name,
        student_count=student_count,
        note=note,
        today=today or timezone.localdate(),
    )
    notifications.booking_event(booking, "received")
    if approve_automatically([booking]):
        notifications.staff_new_request(booking)
    return booking


@transaction.atomic
def booking_change(
    *,
    actor: User,
    booking: Booking,
    start_date: date,
    end_date: date,
    quantity: int | None = None,
    today: date | None = None,
) -> Booking:
    """Change the dates or number of units of a booking that is still only requested; re-checked like a new one."""
    booking = _locked(booking)
    rules.require(actor, "booking.change", booking)
    if not lifecycle.may_change(booking.status):
        raise ServiceError(_("Only a booking that is still awaiting approval can be changed. Contact the centre."))
    today = today or timezone.localdate()
    item = booking.equipment or booking.pack
    checks.check_period(item, start_date, end_date, today=today, staff=False)
    if booking.equipment_id and quantity is not None:
        if not 1 <= quantity <= 50:
            raise ServiceError({"quantity": _("Choose between 1 and 50 units.")})
        booking.quantity = quantity
    booking.start_date, booking.end_date = start_date, end_date
    _reserve(booking, today=today)
    booking.sequence += 1
    booking.save()
    history.booking_transition(
        booking, actor=actor, from_status=booking.status, to_status=booking.status, note=_("Dates or quantity changed.")
    )
    notifications.booking_event(booking, "changed")
    return booking


@transaction.atomic
def booking_approve(
    *,
    actor: User,
    booking: Booking,
    start_date: date | None = None,
    end_date: date | None = None,
    units: list[Unit] | None = None,
    note: str = "",
    today: date | None = None,
) -> Booking:
    """Approve a request, optionally with other dates or other units (re-checked under lock)."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if booking.status != S.REQUESTED:
        _move(booking, S.APPROVED, actor=actor)  # raises the "cannot" message
    today = today or timezone.localdate()
    item = booking.equipment or booking.pack
    changed = False
    if start_date or end_date or units is not None:
        new_start, new_end = start_date or booking.start_date, end_date or booking.end_date
        checks.check_period(item, new_start, new_end, today=today, staff=True)
        changed = (new_start, new_end) != (booking.start_date, booking.end_date) or units is not None
        booking.start_date, booking.end_date = new_start, new_end
        if units is not None and not units:
            raise ServiceError({"units": _("Choose at least one unit.")})
        if units is not None and booking.equipment_id and any(u.equipment_id != booking.equipment_id for u in units):
            raise ServiceError({"units": _("All units must be of the booked equipment.")})
        _reserve(booking, today=today, units=units)
    booking.decision_note = note.strip()
    _move(booking, S.APPROVED, actor=actor, note=(_("Approved with changes. ") if changed else "") + note.strip())
    lines = [booking, *_decide_with(booking, S.APPROVED, actor=actor, note=note.strip())]
    notifications.booking_event(booking, "approved", lines=lines)
    for line in lines:
        billing.booking_approved(line)  # payments: a price is asked for once approved
    return booking


@transaction.atomic
def booking_reject(*, actor: User, booking: Booking, reason: str) -> Booking:
    """Reject a request; the reason is required and is sent to the teacher. The units are freed."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if not reason.strip():
        raise ServiceError({"reason": _("Write why the booking is rejected; the teacher will see it.")})
    booking.decision_note = reason.strip()
    _move(booking, S.REJECTED, actor=actor, note=reason.strip())
    lines = [booking, *_decide_with(booking, S.REJECTED, actor=actor, note=reason.strip())]
    notifications.booking_event(booking, "rejected", lines=lines)
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking, note: str = "") -> Booking:
    """Cancel a booking before it is handed out. The units are freed at once."""
    booking = _locked(booking)
    rules.require(actor, "booking.cancel", booking)
    _move(booking, S.CANCELLED, actor=actor, note=note.strip())
    notifications.booking_event(booking, "cancelled")
    billing.booking_cancelled(booking)  # payments: refund what was paid, or stop waiting for it
    return booking


@transaction.atomic
def booking_hand_out(*, actor: User, booking: Booking, note: str = "", today: date | None = None) -> Booking:
    """Record that the units left the centre (or were handed over in the lab).

    The reservations now start on the hand-out day, and the units block until they are back,
    however late. Handing out early is refused, naming what holds the units, when they are
    taken in between.
    """
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if not lifecycle.may_move(booking.status, S.HANDED_OUT):
        _move(booking, S.HANDED_OUT, actor=actor)  # raises the "cannot" message
    today = today or timezone.localdate()
    reservations = list(booking.reservations.filter(is_active=True).select_related("unit"))
    start = min(today, booking.end_date)
    holds = [engine.Hold(r.unit, start, r.end_date, min(r.blocked_start, start), r.blocked_end) for r in reservations]
    try:
        engine.reserve(owner=booking, holds=holds, message="", today=today, out=True)
    except engine.Clash as exc:
        taken = ", ".join(
            f"{r.unit.asset_tag} ({engine.describe(r)} {r.blocked_start:%d.%m.}–{r.blocked_end:%d.%m.%Y})"
            for r in exc.reservations
        )
        raise ServiceError(
            _("%(reference)s cannot be handed out yet: until its first day, %(date)s, the units are taken: %(taken)s.")
            % {"reference": booking.reference, "date": booking.start_date.strftime("%d.%m.%Y"), "taken": taken}
            if taken
            else _("Some of the units were booked by someone else just now. Try again.")
        ) from exc
    _move(booking, S.HANDED_OUT, actor=actor, note=note.strip())
    return booking


@transaction.atomic
def booking_return(
    *,
    actor: User,
    booking: Booking,
    damaged_units: list[Unit] = (),
    condition_note: str = "",
    today: date | None = None,
) -> Booking:
    """Take the units back with a condition report. Damaged units go to maintenance.

    A loan back early frees its units from the return day plus the after-buffer; a late one
    stops blocking now.
    """
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    today = today or timezone.localdate()
    reserved = set(booking.reservations.filter(is_active=True).values_list("unit_id", flat=True))
    if any(u.pk not in reserved for u in damaged_units):
        raise ServiceError({"damaged_units": _("Only units of this booking can be reported damaged.")})
    if damaged_units and not condition_note.strip():
        raise ServiceError({"condition_note": _("Describe the damage, so the unit can be repaired.")})
    _move(booking, S.RETURNED, actor=actor, note=condition_note.strip())
    for unit in damaged_units:
        maintenance.unit_take_out_of_service(
            actor=actor,
            unit=unit,
            status=Unit.Status.MAINTENANCE,
            note=f"{booking.reference}: {condition_note.strip()}",
            today=today,
        )
    engine.release(owner=booking, back_on=today, rules=engine.rules_for(booking.equipment or booking.pack))
    return booking


@transaction.atomic
def booking_close(*, actor: User, booking: Booking, note: str = "") -> Booking:
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    _move(booking, S.CLOSED, actor=actor, note=note.strip())
    return booking


@transaction.atomic
def booking_swap_unit(
    *, actor: User, booking: Booking, old_unit: Unit, new_unit: Unit, today: date | None = None
) -> Booking:
    """Give a booking another unit of the same equipment (e.g. when its unit broke)."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if not lifecycle.may_swap(booking.status):
        raise ServiceError(_("Units can only be swapped on a booking that has not been returned."))
    today = today or timezone.localdate()
    reservations = list(booking.reservations.filter(is_active=True).select_related("unit"))
    old = next((r for r in reservations if r.unit_id == old_unit.pk), None)
    if old is None or new_unit.equipment_id != old_unit.equipment_id or new_unit.pk == old_unit.pk:
        raise ServiceError(_("Choose a unit of the same equipment to replace one in this booking."))
    (new_unit,) = engine.lock_units([new_unit.pk])
    not_free = _("%(unit)s is not free in that period.") % {"unit": new_unit.asset_tag}
    if new_unit.status != Unit.Status.IN_SERVICE:
        raise ServiceError(not_free)
    holds = [
        engine.Hold(new_unit if r is old else r.unit, r.start_date, r.end_date, r.blocked_start, r.blocked_end)
        for r in reservations
    ]
    engine.reserve(owner=booking, holds=holds, message=not_free, today=today, out=booking.status in lifecycle.OUT)
    booking.sequence += 1
    booking.save(update_fields=["sequence", "updated_at"])
    history.booking_transition(
        booking,
        actor=actor,
        from_status=booking.status,
        to_status=booking.status,
        note=_("Unit %(old)s replaced by %(new)s.") % {"old": old_unit.asset_tag, "new": new_unit.asset_tag},
    )
    return booking
