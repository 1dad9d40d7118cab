"""The booking lifecycle: which status may follow which, what each status allows, the status sets.

Pure: no database, no models beyond the status values. Services, views, the admin, feeds,
reminders and maintenance all read the answers here; nothing else defines a set of statuses.

    requested -> approved | rejected | cancelled
    approved  -> handed out | cancelled
    handed out -> returned
    returned  -> closed
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HANDED_OUT = "handed_out", _("Handed out")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


S = Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.APPROVED, S.REJECTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.HANDED_OUT, S.CANCELLED}),
    S.HANDED_OUT: frozenset({S.RETURNED}),
    S.RETURNED: frozenset({S.CLOSED}),
}

# Withdrawn: the booking never happened; its units were freed at once.
WITHDRAWN = frozenset({S.REJECTED, S.CANCELLED})
# Holding: its reservations still count (a returned loan keeps the days it really used).
HOLDING = frozenset(S) - WITHDRAWN
# Open: someone still has work to do before the units are back (decide, hand out, take back).
OPEN = frozenset({S.REQUESTED, S.APPROVED, S.HANDED_OUT})
# Finished: nothing more happens to the loan itself.
FINISHED = frozenset(S) - OPEN
# Out: the units are at the borrower; they block until they are actually back.
OUT = frozenset({S.HANDED_OUT})

# What the centre's staff can do in each status (the admin shows these actions and no others).
STAFF_ACTIONS: dict[str, tuple[str, ...]] = {
    S.REQUESTED: ("approve", "reject", "cancel", "swap"),
    S.APPROVED: ("hand_out", "cancel", "swap"),
    S.HANDED_OUT: ("return", "swap"),
    S.RETURNED: ("close",),
}


class IllegalTransition(ValueError):
    """``current`` may not become ``target``."""

    def __init__(self, current: str, target: str):
        super().__init__(f"{current} -> {target}")
        self.current, self.target = Status(current), Status(target)


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_move(current: str, target: str) -> None:
    """Raise IllegalTransition unless ``current`` may become ``target``."""
    if not may_move(current, target):
        raise IllegalTransition(current, target)


def may_cancel(status: str) -> bool:
    """The borrower (or staff) may still cancel: only before the units are handed out."""
    return may_move(status, S.CANCELLED)


def may_change(status: str) -> bool:
    """Dates and number of units may be changed by the borrower only while the centre has not decided."""
    return status == S.REQUESTED


def may_swap(status: str) -> bool:
    """A unit can be replaced until the loan is back."""
    return "swap" in STAFF_ACTIONS.get(status, ())


def staff_actions(status: str) -> tuple[str, ...]:
    return STAFF_ACTIONS.get(status, ())


def is_overdue(status: str, end_date, today) -> bool:
    """Handed out and not back after its last day."""
    return status in OUT and end_date < today
