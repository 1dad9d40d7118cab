"""The payments' audit log, in Wagtail's log entries like the booking log (``booking.history``).

Each payment's history view in the admin shows who marked it paid, refunded it, and when.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..history import NoteFormatter

ACTIONS = {
    "payment.created": (_("Payment: create"), _("Created")),
    "payment.checkout": (_("Payment: card checkout"), _("Card payment started")),
    "payment.paid": (_("Payment: paid"), _("Paid")),
    "payment.invoice_paid": (_("Payment: invoice paid"), _("Invoice marked as paid")),
    "payment.invoice_chosen": (_("Payment: pay by invoice"), _("Invoice chosen")),
    "payment.refunded": (_("Payment: refund"), _("Refunded")),
    "payment.expired": (_("Payment: expired"), _("Expired; what was held is released")),
    "payment.cancelled": (_("Payment: cancel"), _("Cancelled")),
}


def register_actions(actions) -> None:
    """For the ``register_log_actions`` hook."""
    for name, (label, message) in ACTIONS.items():
        actions.register_action(name)(type("Formatter", (NoteFormatter,), {"label": label, "message": message}))


def record(payment, action: str, *, actor, note: str = "", **data) -> None:
    """Log ``action`` on ``payment`` by ``actor`` (None: the system, e.g. a Stripe webhook)."""
    assert action in ACTIONS, action
    log(instance=payment, action=action, user=actor, data={"note": note, **data})
