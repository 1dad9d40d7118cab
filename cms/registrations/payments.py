"""The one place where registrations talk to ``booking.payments`` (which alone talks to Stripe).

Registrations create a payment for the participants who get a place, send card payers to
Checkout, refund per participant and let go of a pending payment. Each function here is one
call of ``booking.payments.services``; the purpose handler (``cms.registrations.purpose``) brings
the payment's outcome back.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

PURPOSE = "registration"
HOLD_MINUTES = 30  # how long a card payer's places are held while Checkout is open


def _services():
    from booking.payments import services

    return services


def card_payments_enabled() -> bool:
    try:
        return _services().card_payments_enabled()
    except ImportError:
        return False


def payment_create(*, registration, participants, method: str) -> int | None:
    """A payment for ``participants`` of ``registration`` (one line each); its id, or None without the payments app."""
    try:
        services = _services()
    except ImportError:
        return None
    event = registration.event
    lines = [
        {
            "description": _("%(event)s – %(name)s") % {"event": event.title, "name": p.name},
            "amount": registration.unit_price,
            "quantity": 1,
        }
        for p in participants
    ]
    payment = services.create_payment(
        purpose=PURPOSE,
        object_id=registration.pk,
        payer_name=registration.payer_label,
        payer_email=registration.payer_email,
        lines=lines,
        method=method,
        organisation=registration.organisation,
        ean=registration.ean,
        invoice_reference=registration.invoice_reference,
        hold_minutes=HOLD_MINUTES,
    )
    return payment.pk


def _payment(payment_id: int):
    from booking.payments.models import Payment

    return Payment.objects.get(pk=payment_id)


def checkout_url(*, payment_id: int, success_url: str, cancel_url: str) -> str:
    return _services().start_checkout(_payment(payment_id), success_url=success_url, cancel_url=cancel_url)


def refund(*, payment_id: int, amount: Decimal, reason: str, by) -> None:
    _services().refund(_payment(payment_id), amount=amount, reason=reason, by=by)


def cancel_pending(*, payment_id: int) -> None:
    _services().cancel_pending(_payment(payment_id))
