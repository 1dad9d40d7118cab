"""The one place where registrations talk to ``booking.payments`` (which alone talks to Stripe).

Registrations create a payment with one line per participant who gets a place (the line's key
names the participant, so one participant can be refunded alone), send card payers to
Checkout, refund and let go of a pending payment. The purpose handler
(``cms.registrations.purpose``) brings the payment's outcome back.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from booking.payments import services
from booking.payments.ean import is_valid_ean, normalise_ean
from booking.payments.models import Payment
from booking.payments.stripe_gateway import card_payments_enabled

PURPOSE = "registration"
HOLD_MINUTES = 30  # how long a card payer's places are held while Checkout is open (Stripe's minimum)

__all__ = ["card_payments_enabled", "is_valid_ean", "normalise_ean"]


def line_key(participant) -> str:
    return f"participant-{participant.pk}"


def payment_create(*, registration, participants, method: str) -> int:
    """A payment for ``participants`` of ``registration`` (one line each); returns its id."""
    event = registration.event
    lines = [
        services.Line(
            description=(_("%(event)s – %(name)s") % {"event": event.title, "name": p.name})[:200],
            unit_price=registration.unit_price,
            key=line_key(p),
        )
        for p in participants
    ]
    extra = {"hold_minutes": HOLD_MINUTES} if method == Payment.Method.CARD else {}
    payment = services.create_payment(
        purpose=PURPOSE,
        object_id=registration.pk,
        owning_centre=event.centre,
        payer_name=registration.payer_label,
        payer_email=registration.payer_email,
        payer_user=registration.registered_by,
        lines=lines,
        method=method,
        organisation=registration.organisation,
        ean=registration.ean,
        invoice_reference=registration.invoice_reference,
        **extra,
    )
    return payment.pk


def checkout_url(*, payment_id: int, success_url: str, cancel_url: str) -> str:
    payment = Payment.objects.get(pk=payment_id)
    return services.start_checkout(payment, success_url=success_url, cancel_url=cancel_url)


def refund(*, payment_id: int, participant, amount: Decimal, reason: str, by) -> None:
    """Refund one participant: their line of the payment if it has one, else ``amount``."""
    payment = Payment.objects.get(pk=payment_id)
    line = payment.lines.filter(line_key=line_key(participant), refunded=False).first()
    if line is not None:
        services.refund(payment, line=line, reason=reason, by=by)
    else:
        services.refund(payment, amount=amount, reason=reason, by=by)


def cancel_pending(*, payment_id: int) -> None:
    services.cancel_pending(Payment.objects.get(pk=payment_id))


def payment_page(payment_id: int) -> str:
    """The payments app's own page for this payment (with its access token), e.g. for an invoice."""
    return services.payment_url(Payment.objects.get(pk=payment_id))
