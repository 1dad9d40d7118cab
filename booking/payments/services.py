"""Every write to a payment: create, pay by card or invoice, refund, cancel, expire, and Stripe's webhooks.

The public API (keyword-only, each in one transaction, errors are ``ServiceError`` with a
Danish message):

- ``create_payment(...)``: a payment for ``purpose``/``object_id`` (see ``purposes``).
- ``start_checkout(payment, ...) -> url``: the Stripe Checkout page to send the payer to.
- ``choose_invoice(payment, ...)``: the payer pays by invoice (EAN) instead of card.
- ``mark_invoice_paid(payment, by=...)``: staff of the owning centre saw the money arrive.
- ``refund(payment, amount=|line=, reason=, by=)``: all that is left, an amount, or one line.
- ``cancel_pending(payment)``: stop waiting for a payment (the consumer releases what it held).
- ``handle_webhook(payload, sig_header)``: a Stripe webhook, verified, stored once, acted on.
- ``expire_overdue()``: held card payments past their time (a backup for lost webhooks).

State only moves forward: pending -> paid -> partially refunded -> refunded, or pending ->
expired | cancelled. Whatever arrives from Stripe (replayed, late, out of order), the payment is
brought to what Stripe says *now* (``_reconcile`` fetches the session, intent and refunds again);
the webhook's payload only names which payment to look at.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from videnscenter import rules
from videnscenter.emails import absolute_url
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User

from . import audit, purposes
from . import stripe_gateway as gateway
from .ean import is_valid_ean, normalise_ean
from .models import CLOSED_UNPAID, SETTLED, ZERO, Payment, PaymentLine, Refund, StripeEvent

logger = logging.getLogger(__name__)

P = Payment.Status
M = Payment.Method
CENT = Decimal("0.01")
DEFAULT_HOLD = object()
# Stripe Checkout sessions live between 30 minutes and 24 hours.
MIN_HOLD_MINUTES, MAX_HOLD_MINUTES = 30, 24 * 60
InvalidSignature = gateway.InvalidSignature
GatewayError = gateway.GatewayError


class PaymentsUnavailable(ServiceError):
    """Card payment is switched off (no Stripe keys) or Stripe cannot be reached."""


@dataclass(frozen=True)
class Line:
    """One line to pay for: ``key`` lets a refund name it later (e.g. one participant)."""

    description: str
    unit_price: Decimal
    quantity: int = 1
    key: str = ""


# --- helpers ------------------------------------------------------------------------------------


def _locked(payment: Payment) -> Payment:
    return Payment.objects.select_for_update(of=("self",)).select_related("owning_centre").get(pk=payment.pk)


def _card_off() -> PaymentsUnavailable:
    return PaymentsUnavailable(_("Card payment is not available at the moment. Choose invoice, or try again later."))


def _stripe_failed(exc: gateway.GatewayError) -> PaymentsUnavailable:
    logger.warning("Stripe refused or failed: %s (%s)", exc.message, exc.code)
    return PaymentsUnavailable(
        _("The payment service did not answer as expected. Nothing was changed; try again in a moment.")
    )


def _money(value) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ServiceError(_("Amounts must be in kroner and øre."))
    if value != value.quantize(CENT) or value < 0:
        raise ServiceError(_("Amounts must be in kroner and øre."))
    return value.quantize(CENT)


def _validate_invoice(ean: str, organisation: Organisation | None) -> str:
    ean = normalise_ean(ean)
    if organisation is None:
        raise ServiceError(_("Payment by invoice is for organisations. Choose the organisation that pays."))
    if not is_valid_ean(ean):
        raise ServiceError({"ean": _("An EAN number has 13 digits, the last being a check digit. Check the number.")})
    return ean


def _set_status(payment: Payment, status: str) -> None:
    payment.status = status
    if status == P.PAID and payment.paid_at is None:
        payment.paid_at = timezone.now()
    payment.save()


def payment_url(payment: Payment) -> str:
    """The payment page, with the token that lets the payer in without logging in."""
    return absolute_url(reverse("payments:pay", args=[payment.reference])) + f"?k={payment.access_token}"


def return_urls(payment: Payment) -> tuple[str, str]:
    """Stripe's success and cancel URLs: our pages that show the payment's real state."""
    token = f"?k={payment.access_token}"
    return (
        absolute_url(reverse("payments:thanks", args=[payment.reference])) + token,
        absolute_url(reverse("payments:cancelled", args=[payment.reference])) + token,
    )


# --- creating and paying ------------------------------------------------------------------------


@transaction.atomic
def create_payment(
    *,
    purpose: str,
    object_id,
    owning_centre: Organisation,
    payer_name: str,
    payer_email: str,
    lines: list[Line],
    method: str,
    payer_user: User | None = None,
    organisation: Organisation | None = None,
    ean: str = "",
    invoice_reference: str = "",
    hold_minutes=DEFAULT_HOLD,
) -> Payment:
    """A payment of the sum of ``lines`` for ``purpose``/``object_id``, received by ``owning_centre``.

    ``method``: "card" (a held one raises ``PaymentsUnavailable`` when card payment is off), "invoice"
    (needs ``organisation`` and a valid ``ean``) or "free". A total of 0 kr. is always free and
    is created paid (``on_paid`` is not called: the caller confirms it). A card payment holds
    for ``hold_minutes`` (30..1440, default ``settings.PAYMENT_HOLD_MINUTES``); None: no hold,
    the payment waits until paid or cancelled (equipment bookings). Invoices do not expire.
    """
    if not lines:
        raise ServiceError(_("A payment needs at least one line."))
    for line in lines:
        _money(line.unit_price)
        if not isinstance(line.quantity, int) or line.quantity < 1:
            raise ServiceError(_("Each line needs a quantity of at least 1."))
    amount = sum((line.unit_price * line.quantity for line in lines), ZERO).quantize(CENT)
    if amount == 0:
        method = M.FREE
    if method not in M.values:
        raise ServiceError(_("Choose how to pay."))
    if method == M.FREE and amount > 0:
        raise ServiceError(_("Only a payment of 0 kr. is free."))
    if method == M.INVOICE:
        ean = _validate_invoice(ean, organisation)
    if hold_minutes is DEFAULT_HOLD:
        hold_minutes = settings.PAYMENT_HOLD_MINUTES
    if method == M.CARD and hold_minutes is not None and not gateway.card_payments_enabled():
        raise _card_off()  # it would hold a place for a payment nobody can make
    expires_at = None
    if method == M.CARD and hold_minutes is not None:
        if not MIN_HOLD_MINUTES <= hold_minutes <= MAX_HOLD_MINUTES:
            raise ValueError(f"hold_minutes must be between {MIN_HOLD_MINUTES} and {MAX_HOLD_MINUTES}")
        expires_at = timezone.now() + timedelta(minutes=hold_minutes)
    payer_email = payer_email.strip()
    if not payer_name.strip() or "@" not in payer_email:
        raise ServiceError(_("Enter the payer's name and e-mail address."))
    payment = Payment.objects.create(
        reference=f"TMP-{secrets.token_hex(7)}",
        purpose=purpose,
        object_id=str(object_id),
        owning_centre=owning_centre,
        payer_name=payer_name.strip()[:200],
        payer_email=payer_email,
        payer_user=payer_user,
        organisation=organisation,
        method=method,
        status=P.PAID if method == M.FREE else P.PENDING,
        paid_at=timezone.now() if method == M.FREE else None,
        amount=amount,
        ean=ean if method == M.INVOICE else "",
        invoice_reference=invoice_reference.strip()[:100],
        access_token=secrets.token_urlsafe(24),
        expires_at=expires_at,
    )
    payment.reference = f"BET-{timezone.localdate().year}-{payment.pk:06d}"
    payment.save(update_fields=["reference"])
    PaymentLine.objects.bulk_create(
        PaymentLine(
            payment=payment,
            description=line.description[:200],
            quantity=line.quantity,
            unit_price=line.unit_price.quantize(CENT),
            line_key=line.key,
        )
        for line in lines
    )
    audit.record(payment, "payment.created", actor=payer_user, amount=str(amount), method=method)
    return payment


@transaction.atomic
def start_checkout(payment: Payment, *, success_url: str | None = None, cancel_url: str | None = None) -> str:
    """The URL of a Stripe Checkout page for this pending card payment (the open one, if there is one).

    Raises ``PaymentsUnavailable`` when card payment is off or Stripe fails, ``ServiceError``
    when the payment is no longer waiting (paid, expired, cancelled) or is an invoice.
    """
    if not gateway.card_payments_enabled():
        raise _card_off()
    payment = _locked(payment)
    default_success, default_cancel = return_urls(payment)
    try:
        if payment.stripe_session_id and payment.is_pending:
            session = gateway.retrieve_session(payment.stripe_session_id)
            if session.status == "open":
                return session.url
            _reconcile(payment, session=session)
        if not payment.is_pending:
            raise ServiceError(
                _("This payment is no longer waiting to be paid (%(status)s).")
                % {"status": payment.get_status_display().lower()}
            )
        if payment.method != M.CARD:
            raise ServiceError(_("This payment is by invoice; it cannot be paid by card."))
        now = timezone.now()
        if payment.expires_at is not None and payment.expires_at <= now:
            _expire(payment, note=_("The time to pay ran out."))
            raise ServiceError(_("The time to pay has run out, and what was held has been released."))
        # Stripe wants at least 30 minutes; a payment that holds for less outlives its hold a
        # little, and ``expire_overdue`` expires the session at Stripe before it releases.
        expires_at = max(payment.expires_at, now + timedelta(minutes=31)) if payment.expires_at else None
        session = gateway.create_checkout_session(
            reference=payment.reference,
            lines=[gateway.Line(li.description, li.quantity, li.unit_price) for li in payment.lines.all()],
            customer_email=payment.payer_email,
            success_url=success_url or default_success,
            cancel_url=cancel_url or default_cancel,
            expires_at=expires_at,
            description=purposes.handler_for(payment.purpose).describe(payment),
        )
    except gateway.GatewayError as exc:
        raise _stripe_failed(exc) from exc
    payment.stripe_session_id = session.id
    payment.save(update_fields=["stripe_session_id", "updated_at"])
    audit.record(payment, "payment.checkout", actor=None, session=session.id)
    return session.url


@transaction.atomic
def choose_invoice(
    payment: Payment, *, ean: str, invoice_reference: str, organisation: Organisation | None, by: User | None
) -> Payment:
    """The payer pays this pending card payment by invoice instead (an open Checkout page is closed)."""
    payment = _locked(payment)
    if not payment.is_pending:
        raise ServiceError(_("This payment is no longer waiting to be paid."))
    ean = _validate_invoice(ean, organisation or payment.organisation)
    if payment.stripe_session_id:
        _close_session(payment)
        if not payment.is_pending:
            raise ServiceError(_("This payment was just paid by card."))
    payment.method = M.INVOICE
    payment.ean = ean
    payment.invoice_reference = invoice_reference.strip()[:100]
    payment.organisation = organisation or payment.organisation
    payment.expires_at = None
    payment.save()
    audit.record(payment, "payment.invoice_chosen", actor=by, ean=ean, invoice_reference=payment.invoice_reference)
    return payment


@transaction.atomic
def mark_invoice_paid(payment: Payment, *, by: User, note: str = "") -> Payment:
    """Staff of the owning centre record that the invoice was paid. Raises PermissionDenied otherwise."""
    payment = _locked(payment)
    rules.require(by, "payment.manage", payment)
    if payment.method != M.INVOICE:
        raise ServiceError(_("Only a payment by invoice can be marked as paid."))
    if not payment.is_pending:
        raise ServiceError(
            _("This payment is no longer waiting to be paid (%(status)s).")
            % {"status": payment.get_status_display().lower()}
        )
    _set_status(payment, P.PAID)
    audit.record(payment, "payment.invoice_paid", actor=by, note=note.strip())
    purposes.handler_for(payment.purpose).on_paid(payment)
    return payment


# --- refunds ------------------------------------------------------------------------------------


def _apply_refund(payment: Payment, refund: Refund, *, actor) -> None:
    """A refund that succeeded: count it once, move the status on, tell the consumer."""
    total = payment.refunds.filter(status=Refund.Status.SUCCEEDED).aggregate(s=Sum("amount"))["s"] or ZERO
    payment.refunded_amount = min(max(payment.refunded_amount, total), payment.amount)
    if payment.status in SETTLED:
        payment.status = P.REFUNDED if payment.refunded_amount >= payment.amount else P.PARTIALLY_REFUNDED
    payment.save()
    if refund.line_id:
        PaymentLine.objects.filter(pk=refund.line_id).update(refunded=True)
    audit.record(
        payment, "payment.refunded", actor=actor, note=refund.reason, amount=str(refund.amount), refund=refund.pk
    )
    purposes.handler_for(payment.purpose).on_refunded(payment, refund)


@transaction.atomic
def refund(
    payment: Payment,
    *,
    reason: str,
    by: User | None,
    amount: Decimal | None = None,
    line: PaymentLine | None = None,
) -> Refund:
    """Send money back: one ``line`` (e.g. one participant), an ``amount``, or else all that is left.

    ``by``: staff (must manage the owning centre) or None when a consumer refunds by its own
    rule (a cancelled course, a cancellation within the rules; the consumer checked who may).
    Card payments are refunded through Stripe; invoices get a credit note (recorded here).
    """
    payment = _locked(payment)
    if by is not None:
        rules.require(by, "payment.manage", payment)
    if not reason.strip():
        raise ServiceError({"reason": _("Write why the money is refunded.")})
    if payment.status not in {P.PAID, P.PARTIALLY_REFUNDED}:
        raise ServiceError(_("Only a paid payment can be refunded."))
    if payment.method == M.FREE:
        raise ServiceError(_("Nothing was paid, so there is nothing to refund."))
    if line is not None:
        line = payment.lines.filter(pk=line.pk).first()
        if line is None:
            raise ServiceError(_("That line is not part of this payment."))
        if line.refunded:
            raise ServiceError(_("That line has already been refunded."))
        amount = line.total
    amount = payment.refundable_amount if amount is None else _money(amount)
    if amount <= 0 or amount > payment.refundable_amount:
        raise ServiceError(
            {"amount": _("You can refund at most %(amount)s kr.") % {"amount": payment.refundable_amount}}
        )
    record = Refund.objects.create(payment=payment, line=line, amount=amount, reason=reason.strip(), created_by=by)
    if payment.method == M.CARD:
        try:
            info = gateway.create_refund(
                payment_intent=payment.stripe_payment_intent_id,
                amount=amount,
                idempotency_key=f"refund-{payment.reference}-{record.pk}",
                metadata={"payment": payment.reference, "refund": str(record.pk)},
            )
        except gateway.GatewayError as exc:
            raise _stripe_failed(exc) from exc
        record.stripe_refund_id = info.id
        record.status = info.status if info.status in Refund.Status.values else Refund.Status.PENDING
    else:
        record.status = Refund.Status.SUCCEEDED  # a credit note for the invoice
    record.save()
    if record.status == Refund.Status.SUCCEEDED:
        _apply_refund(payment, record, actor=by)
    return record


# --- cancelling and expiring --------------------------------------------------------------------


def _close_session(payment: Payment) -> None:
    """Expire the payment's open Checkout page at Stripe; if it was paid meanwhile, take that in."""
    try:
        session = gateway.expire_session(payment.stripe_session_id)
    except gateway.GatewayError as exc:
        if exc.http_status != 400:
            raise _stripe_failed(exc) from exc
        session = gateway.retrieve_session(payment.stripe_session_id)  # not open any more: why?
    _reconcile(payment, session=session, release=False)


def _expire(payment: Payment, *, note: str) -> None:
    _set_status(payment, P.EXPIRED)
    audit.record(payment, "payment.expired", actor=None, note=note)
    purposes.handler_for(payment.purpose).on_expired(payment)


@transaction.atomic
def cancel_pending(payment: Payment, *, by: User | None = None) -> Payment:
    """Stop waiting for this payment (the consumer cancelled what it was for; it releases itself).

    An open Checkout page is expired at Stripe first. If the payer has just paid, the payment
    comes back paid instead (``on_paid`` has run): the caller refunds it if it must.
    """
    payment = _locked(payment)
    if payment.status in CLOSED_UNPAID:
        return payment
    if payment.is_pending and payment.method == M.CARD and payment.stripe_session_id:
        try:
            _close_session(payment)
        except gateway.GatewayError as exc:
            raise _stripe_failed(exc) from exc
    if not payment.is_pending:
        payment.refresh_from_db()  # paid at the last moment (and maybe refunded by ``on_paid``)
        return payment
    _set_status(payment, P.CANCELLED)
    audit.record(payment, "payment.cancelled", actor=by)
    return payment


def expire_overdue(*, now: datetime | None = None) -> int:
    """Held card payments past ``expires_at``: ask Stripe, take in a late payment, release the rest.

    A backup for lost ``checkout.session.expired`` webhooks. Each payment in its own
    transaction; one Stripe failure skips that payment. Returns how many expired.
    """
    now = now or timezone.now()
    expired = 0
    overdue = Payment.objects.filter(status=P.PENDING, method=M.CARD, expires_at__lt=now).values_list("pk", flat=True)
    for pk in list(overdue):
        try:
            with transaction.atomic():
                payment = Payment.objects.select_for_update().get(pk=pk)
                if not payment.is_pending:
                    continue
                if payment.stripe_session_id:
                    _close_session(payment)
                if payment.is_pending:
                    _expire(payment, note=_("The time to pay ran out."))
                    expired += 1
        except (gateway.GatewayError, PaymentsUnavailable) as exc:
            logger.warning("Could not expire payment %s: %s", pk, exc)
    return expired


# --- Stripe's side: webhooks and reconciling ----------------------------------------------------


def _reconcile(payment: Payment, *, session: gateway.Session | None = None, release: bool = True) -> str:
    """Bring a (locked) card payment to what Stripe says now: paid, expired, refunds. Never backwards."""
    if payment.method != M.CARD:
        return "not a card payment"
    outcome = []
    if payment.stripe_session_id:
        if session is None or session.id != payment.stripe_session_id:
            session = gateway.retrieve_session(payment.stripe_session_id)
        if session.payment_intent and not payment.stripe_payment_intent_id:
            payment.stripe_payment_intent_id = session.payment_intent
            payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
        if session.is_paid and payment.status in {P.PENDING, *CLOSED_UNPAID}:
            if session.amount_total != payment.amount or session.currency != gateway.CURRENCY:
                logger.error("Payment %s: Stripe took %s %s", payment.reference, session.amount_total, session.currency)
                return "amount mismatch: not marked paid"
            was = payment.status
            _set_status(payment, P.PAID)
            audit.record(payment, "payment.paid", actor=None, note=session.id, previous=was)
            purposes.handler_for(payment.purpose).on_paid(payment)
            outcome.append("paid")
        elif session.status == "expired" and payment.is_pending and release:
            if payment.expires_at is not None:
                _expire(payment, note=_("The card payment page expired."))
                outcome.append("expired")
            else:
                outcome.append("session expired; the payment waits for a new one")
    if payment.stripe_payment_intent_id and payment.is_settled:
        outcome += _reconcile_refunds(payment, gateway.list_refunds(payment.stripe_payment_intent_id))
    return ", ".join(outcome) or "no change"


def _reconcile_refunds(payment: Payment, infos: list[gateway.RefundInfo]) -> list[str]:
    outcome = []
    known = {r.stripe_refund_id: r for r in payment.refunds.filter(stripe_refund_id__isnull=False)}
    for info in sorted(infos, key=lambda i: i.id):
        record = known.get(info.id)
        if record is None:
            record = Refund.objects.filter(pk=info.metadata.get("refund") or 0, payment=payment).first()
        if record is None:
            record = Refund(payment=payment, amount=info.amount, reason=_("Refunded in Stripe."))
        if record.status == Refund.Status.SUCCEEDED:
            continue
        status = info.status if info.status in Refund.Status.values else Refund.Status.PENDING
        record.stripe_refund_id, record.status = info.id, status
        record.save()
        if status == Refund.Status.SUCCEEDED:
            _apply_refund(payment, record, actor=None)
            outcome.append(f"refund {info.id}")
    return outcome


REACT_TO = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "payment_intent.succeeded",
    "charge.refunded",
    "charge.refund.updated",
    "refund.created",
    "refund.updated",
    "refund.failed",
}


def _payment_for(event: gateway.Event) -> Payment | None:
    """Which payment the event is about: by our stored ids, else asking Stripe for the reference."""
    if event.object_type == "checkout.session":
        found = Payment.objects.filter(stripe_session_id=event.object_id).first()
        if found is not None:
            return found
        try:
            reference = gateway.retrieve_session(event.object_id).reference
        except gateway.GatewayError as exc:
            if exc.not_found:
                return None
            raise
        return Payment.objects.filter(reference=reference, method=M.CARD).first() if reference else None
    if event.object_type == "payment_intent":
        intent_id = event.object_id
    elif event.object_type == "charge":
        intent_id = gateway.retrieve_charge_intent(event.object_id)
    elif event.object_type == "refund":
        intent_id = gateway.retrieve_refund(event.object_id).payment_intent
    else:
        return None
    found = Payment.objects.filter(stripe_payment_intent_id=intent_id).first() if intent_id else None
    if found is None and intent_id:
        reference = gateway.retrieve_payment_intent(intent_id).reference
        found = Payment.objects.filter(reference=reference, method=M.CARD).first() if reference else None
    return found


def handle_webhook(payload: bytes, sig_header: str) -> str:
    """A Stripe webhook: verified against each secret, stored once by event id, then acted on.

    Returns what happened (stored on the event). Raises ``InvalidSignature`` (answer 400) and
    ``GatewayError`` when Stripe cannot be asked (answer 5xx: Stripe retries; nothing is kept).
    """
    event = gateway.verify_webhook(payload, sig_header or "")
    with transaction.atomic():
        try:
            with transaction.atomic():
                stored = StripeEvent.objects.create(event_id=event.id, type=event.type)
        except IntegrityError:
            return "duplicate"
        if event.type not in REACT_TO:
            outcome = "ignored"
        else:
            payment = _payment_for(event)
            if payment is None:
                outcome = f"unknown {event.object_type} {event.object_id}"
            else:
                payment = _locked(payment)
                stored.payment = payment
                outcome = _reconcile(payment)
        stored.processed_at = timezone.now()
        stored.outcome = outcome[:300]
        stored.save()
    return outcome
