"""The basket: several equipment kinds and packs booked together for one period, all or nothing.

Each line becomes an ordinary ``Booking`` (made by ``services.book_line``, so every rule of a
single booking applies), grouped under one ``BookingRequest``: one reference and one e-mail for
the teacher, one request e-mail per owning centre, one decision per centre
(``services.booking_approve`` / ``booking_reject`` decide the centre's lines together).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Equipment, MobilePack, Programme
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from .. import checks, engine, notifications, services
from ..models import Booking, BookingRequest

MAX_LINES = 20


@dataclass(frozen=True)
class Line:
    """One line of a basket: an equipment kind with a number of units, or a whole pack."""

    item: Equipment | MobilePack
    quantity: int = 1

    @property
    def is_pack(self) -> bool:
        return isinstance(self.item, MobilePack)


class LineNotAvailable(ServiceError):
    """A line of the basket cannot be had, so nothing was booked. Carries the line and the engine's "why not"."""

    def __init__(self, line: Line, reason: engine.NotAvailable):
        super().__init__(
            _("Nothing was booked: %(reason)s") % {"reason": reason.messages[0]},
        )
        self.line = line
        self.reason = reason


def unit_ids(lines: Sequence[Line]) -> list[int]:
    """Every unit any line could take, in one stable order."""
    ids: set[int] = set()
    for line in lines:
        ids.update(engine.units_of(line.item).values_list("pk", flat=True))
    return sorted(ids)


def _check_lines(lines: Sequence[Line]) -> None:
    if not lines:
        raise ServiceError(_("The basket is empty. Add equipment or packs first."))
    if len(lines) > MAX_LINES:
        raise ServiceError(_("A basket holds at most %(count)s lines.") % {"count": MAX_LINES})
    seen = set()
    for line in lines:
        key = (line.is_pack, line.item.pk)
        if key in seen:
            raise ServiceError(_("%(item)s is in the basket twice.") % {"item": line.item.name})
        seen.add(key)


@transaction.atomic
def basket_request(
    *,
    actor: User,
    organisation: Organisation,
    lines: Sequence[Line],
    start_date: date,
    end_date: date,
    handover: str = Booking.Handover.PICKUP,
    programme: Programme | None = None,
    class_name: str = "",
    student_count: int | None = None,
    note: str = "",
    requester: User | None = None,
    today: date | None = None,
) -> BookingRequest:
    """Book every line of a basket for ``organisation`` and the loan ``start_date``..``end_date``.

    All or nothing: the units of every line are locked first (in one fixed order, so two baskets
    sharing units queue up rather than deadlock), then each line is checked and reserved like a
    single booking. Raises PermissionDenied; ServiceError naming the line for invalid input;
    ``LineNotAvailable`` (with the engine's "why not") when a line's units are missing. Then no
    row is written and no e-mail is sent. Lines with auto-approving equipment are approved at once.
    """
    today = today or timezone.localdate()
    requester = requester or actor
    checks.check_requester(actor=actor, requester=requester, organisation=organisation)
    _check_lines(lines)
    engine.lock_units(unit_ids(lines))
    basket = BookingRequest.objects.create(
        reference=services.new_reference(), organisation=organisation, start_date=start_date, end_date=end_date
    )
    bookings = []
    for number, line in enumerate(lines, start=1):
        try:
            bookings.append(
                services.book_line(
                    actor=actor,
                    requester=requester,
                    organisation=organisation,
                    item=line.item,
                    quantity=line.quantity,
                    start_date=start_date,
                    end_date=end_date,
                    handover=handover,
                    programme=programme,
                    class_name=class_name,
                    student_count=student_count,
                    note=note,
                    reference=f"{basket.reference}-{number}",
                    request=basket,
                    today=today,
                )
            )
        except engine.NotAvailable as exc:
            raise LineNotAvailable(line, exc) from exc
        except ServiceError as exc:
            raise ServiceError(
                _("%(item)s: %(message)s") % {"item": line.item.name, "message": " ".join(exc.messages)}
            ) from exc
    notifications.booking_event(bookings[0], "received", lines=bookings)
    waiting = services.approve_automatically(bookings)
    for centre_id in dict.fromkeys(b.owning_centre_id for b in waiting):
        centre_lines = [b for b in waiting if b.owning_centre_id == centre_id]
        notifications.staff_new_request(centre_lines[0], lines=centre_lines)
    return basket
