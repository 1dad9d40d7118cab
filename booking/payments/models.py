"""Payments, their lines and refunds, and the Stripe events received (for idempotency).

Money is ``Decimal`` in DKK with two decimals; øre exist only in ``stripe_gateway``. A payment
knows what it pays for only as ``purpose`` + ``object_id`` (see ``purposes``), and which centre
receives the money (``owning_centre``): that centre's staff see and manage it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from videnscenter.models import Organisation

from .ean import validate_ean

ZERO = Decimal("0.00")


class PaymentQuerySet(models.QuerySet):
    def for_centres(self, centre_ids):
        return self.filter(owning_centre_id__in=centre_ids)

    def for_object(self, purpose: str, object_id):
        return self.filter(purpose=purpose, object_id=str(object_id))


class Payment(models.Model):
    """One amount to be paid by one payer, by card, by invoice, or nothing (free)."""

    class Method(models.TextChoices):
        CARD = "card", _("Card")
        INVOICE = "invoice", _("Invoice")
        FREE = "free", _("Free")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=40, db_index=True)
    object_id = models.CharField(_("object"), max_length=64)
    owning_centre = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="centre_payments", verbose_name=_("centre")
    )
    payer_name = models.CharField(_("payer"), max_length=200)
    payer_email = models.EmailField(_("payer's e-mail"))
    payer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("paid by user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("paying organisation"),
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    amount = models.DecimalField(_("amount (DKK)"), max_digits=10, decimal_places=2)
    refunded_amount = models.DecimalField(_("refunded (DKK)"), max_digits=10, decimal_places=2, default=ZERO)
    ean = models.CharField(_("EAN number"), max_length=13, blank=True, validators=[validate_ean])
    invoice_reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    stripe_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True, editable=False)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    # A link to the payment page for someone not logged in (payment e-mails carry it).
    access_token = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative"),
            models.CheckConstraint(condition=Q(refunded_amount__gte=0), name="payment_refunded_not_negative"),
            models.CheckConstraint(condition=Q(refunded_amount__lte=F("amount")), name="payment_refunded_at_most_paid"),
        ]
        indexes = [
            models.Index(fields=["purpose", "object_id"]),
            models.Index(fields=["owning_centre", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_settled(self) -> bool:
        """Money has come in (and maybe some went back)."""
        return self.status in SETTLED

    @property
    def refundable_amount(self) -> Decimal:
        return self.amount - self.refunded_amount if self.is_settled else ZERO


SETTLED = {Payment.Status.PAID, Payment.Status.PARTIALLY_REFUNDED, Payment.Status.REFUNDED}
CLOSED_UNPAID = {Payment.Status.EXPIRED, Payment.Status.CANCELLED}


class PaymentLine(models.Model):
    """One line of what is paid for; ``line_key`` names it for the consumer (e.g. one participant)."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("payment"))
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_price = models.DecimalField(_("unit price (DKK)"), max_digits=10, decimal_places=2)
    line_key = models.CharField(_("line key"), max_length=64, blank=True)
    refunded = models.BooleanField(_("refunded"), default=False)

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="payment_line_price_not_negative"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="payment_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class Refund(models.Model):
    """Money sent back: through Stripe for card payments, a credit note for invoices."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Cancelled")

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="refunds", verbose_name=_("payment"))
    line = models.ForeignKey(
        PaymentLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="refunds", verbose_name=_("line")
    )
    amount = models.DecimalField(_("amount (DKK)"), max_digits=10, decimal_places=2)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refunded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.payment.reference}: {self.amount} kr."


class StripeEvent(models.Model):
    """Each webhook event once: a replayed event id finds its row and changes nothing."""

    event_id = models.CharField(_("event"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    payment = models.ForeignKey(
        Payment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stripe_events",
        verbose_name=_("payment"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
