"""Hand-over at the centre's desk: scanning (or typing) asset tags, and receiving a loan part by part.

Staff hand a loan out by scanning the label of every unit in it: a unit missing from the scan,
or a tag that is not part of the loan, stops the hand-out with the list. A loan comes back by
checking off (or scanning) each unit: when something is missing the return stays open, the
missing units are flagged in their notes and their log, and the loan keeps blocking them.
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import User

from . import history, lifecycle, services
from .models import Booking


def parse_tags(text: str) -> list[str]:
    """Asset tags as a scanner types them: one per line (or separated by spaces/commas), any case."""
    return [tag.upper() for tag in text.replace(",", " ").split() if tag.strip()][:200]


def _reserved_units(booking: Booking) -> list[Unit]:
    return list(
        Unit.objects.filter(reservations__booking=booking, reservations__is_active=True)
        .select_related("equipment")
        .order_by("asset_tag")
    )


def _compare(reserved: Iterable[Unit], tags: Iterable[str]) -> tuple[list[str], list[str]]:
    wanted = {u.asset_tag.upper() for u in reserved}
    seen = set(tags)
    return sorted(wanted - seen), sorted(seen - wanted)


@transaction.atomic
def booking_hand_out_scanned(
    *, actor: User, booking: Booking, scanned: str, note: str = "", today: date | None = None
) -> Booking:
    """Hand out after every unit of the loan was scanned; refuse, listing what is missing or
    does not belong, when the scan and the loan differ. Raises ServiceError, PermissionDenied."""
    booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
    rules.require(actor, "booking.decide", booking)
    missing, unknown = _compare(_reserved_units(booking), parse_tags(scanned))
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("not scanned: %(tags)s") % {"tags": ", ".join(missing)})
        if unknown:
            parts.append(_("not part of this loan: %(tags)s") % {"tags": ", ".join(unknown)})
        raise ServiceError(
            {
                "scanned": _("Scan every unit of %(reference)s before handing it out (%(details)s).")
                % {"reference": booking.reference, "details": "; ".join(parts)}
            }
        )
    return services.booking_hand_out(actor=actor, booking=booking, note=note, today=today)


@transaction.atomic
def booking_receive(
    *,
    actor: User,
    booking: Booking,
    received: list[Unit],
    damaged: list[Unit] = (),
    condition_note: str = "",
    today: date | None = None,
) -> list[Unit]:
    """Take back what came back. Returns the units still missing (none: the loan is returned).

    With every unit back, this is ``booking_return`` (damaged units go to maintenance). With a
    unit missing, nothing is returned yet: the booking's log says what is missing, each missing
    unit gets a dated line in its notes and its log, and the loan keeps blocking it.
    """
    booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
    rules.require(actor, "booking.decide", booking)
    if booking.status not in lifecycle.OUT:
        raise ServiceError(_("Only a loan that is handed out can be taken back."))
    reserved = _reserved_units(booking)
    reserved_ids = {u.pk for u in reserved}
    if any(u.pk not in reserved_ids for u in [*received, *damaged]):
        raise ServiceError({"received": _("Only units of this booking can be taken back.")})
    received_ids = {u.pk for u in received} | {u.pk for u in damaged}
    missing = [u for u in reserved if u.pk not in received_ids]
    if not missing:
        services.booking_return(
            actor=actor, booking=booking, damaged_units=list(damaged), condition_note=condition_note, today=today
        )
        return []
    stamp = timezone.localdate().strftime("%d.%m.%Y")
    tags = ", ".join(u.asset_tag for u in missing)
    for unit in missing:
        unit.condition_notes = f"{unit.condition_notes}\n{stamp}: " + _("Missing after %(reference)s.") % {
            "reference": booking.reference
        }
        unit.condition_notes = unit.condition_notes.strip()
        unit.save(update_fields=["condition_notes"])
        history.record(unit, "unit.missing", actor=actor, note=booking.reference)
    history.record(
        booking,
        "booking.changed",
        actor=actor,
        note=_("Return not complete: missing %(tags)s.") % {"tags": tags},
        **{"from": booking.status, "to": booking.status},
    )
    return missing
