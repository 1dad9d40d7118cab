"""The booking app's audit log, kept in Wagtail's log entries.

One log for bookings, PopUp centres, maintenance windows and units: every state change is a
log entry (who, when, which action, from which status to which, a note), so each object's
history view in the admin shows it, and the booking page shows the borrower the same lines.
The services write through ``record``; ``register_actions`` names the actions for Wagtail.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

from . import lifecycle
from .models import Booking

# action -> (label, message) as Wagtail's history view shows them.
ACTIONS = {
    "booking.requested": (_("Booking: request"), _("Requested")),
    "booking.approved": (_("Booking: approve"), _("Approved")),
    "booking.rejected": (_("Booking: reject"), _("Rejected")),
    "booking.handed_out": (_("Booking: hand out"), _("Handed out")),
    "booking.returned": (_("Booking: take back"), _("Returned")),
    "booking.closed": (_("Booking: close"), _("Closed")),
    "booking.cancelled": (_("Booking: cancel"), _("Cancelled")),
    "booking.changed": (_("Booking: change"), _("Changed")),
    "popup.scheduled": (_("PopUp centre: schedule"), _("Scheduled; its units are reserved")),
    "popup.cancelled": (_("PopUp centre: cancel"), _("Cancelled; its units are free again")),
    "maintenance.scheduled": (_("Maintenance: plan"), _("Maintenance planned")),
    "maintenance.cancelled": (_("Maintenance: cancel"), _("Maintenance cancelled")),
    "unit.out_of_service": (_("Unit: to maintenance"), _("Taken out of service for maintenance")),
    "unit.retired": (_("Unit: retire"), _("Retired")),
    "unit.back_in_service": (_("Unit: back in service"), _("Back in service")),
    "unit.missing": (_("Unit: missing at return"), _("Missing when the loan came back")),
}


class NoteFormatter(LogFormatter):
    """The action's message, followed by the note written with it (the history view shows both)."""

    def format_message(self, log_entry):
        note = log_entry.data.get("note", "")
        return f"{self.message}: {note}" if note else str(self.message)

    def format_comment(self, log_entry):
        return log_entry.data.get("note", "")


def register_actions(actions) -> None:
    """For the ``register_log_actions`` hook."""
    for name, (label, message) in ACTIONS.items():
        actions.register_action(name)(type("Formatter", (NoteFormatter,), {"label": label, "message": message}))


def record(instance, action: str, *, actor, note: str = "", **data) -> None:
    """Log ``action`` on ``instance`` by ``actor`` (None: the system) with a note and extra data."""
    assert action in ACTIONS, action
    log(instance=instance, action=action, user=actor, data={"note": note, **data})


def booking_transition(booking, *, actor, from_status: str, to_status: str, note: str = "") -> None:
    action = f"booking.{to_status}" if from_status != to_status else "booking.changed"
    record(booking, action, actor=actor, note=note, **{"from": from_status, "to": to_status})


def status_label(status: str) -> str:
    return str(lifecycle.Status(status).label) if status in lifecycle.Status.values else ""


@dataclass(frozen=True)
class Line:
    at: datetime
    actor: object
    from_status: str
    to_status: str
    note: str

    @property
    def from_label(self) -> str:
        return status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return status_label(self.to_status)

    @property
    def changed_status(self) -> bool:
        return bool(self.from_status) and self.from_status != self.to_status


def booking_history(booking) -> list[Line]:
    """The booking's log, oldest first, in the words the borrower reads. One query."""
    entries = (
        ModelLogEntry.objects.for_instance(booking)
        .filter(action__startswith="booking.")
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return [
        Line(
            at=entry.timestamp,
            actor=entry.user,
            from_status=entry.data.get("from", ""),
            to_status=entry.data.get("to", ""),
            note=entry.data.get("note", ""),
        )
        for entry in entries
    ]


def booking_entries(bookings=None):
    """Log entries of bookings (of ``bookings``, a queryset, when given): the personal-data side reads these."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking), action__startswith="booking."
    )
    if bookings is not None:
        entries = entries.filter(object_id__in=bookings.annotate(key=Cast("pk", CharField())).values("key"))
    return entries


def forget_notes(entries) -> int:
    """Blank the notes (free text people wrote) of these log entries; the rest of each line stays."""
    changed = 0
    for entry in entries.filter(data__note__isnull=False).exclude(data__note="").only("pk", "data"):
        entry.data = {**entry.data, "note": ""}
        entry.save(update_fields=["data"])
        changed += 1
    return changed
