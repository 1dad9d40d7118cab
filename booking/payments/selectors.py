"""Reads for payments: who may open a payment page, and the lists staff see."""

from django.db.models import Prefetch
from django.utils.crypto import constant_time_compare

from videnscenter import rules

from . import purposes
from .models import Payment, Refund


def payment_for_page(reference: str, *, user, token: str = "") -> Payment | None:
    """The payment, if this visitor may see it: the link's token, the payer, the centre's staff, or
    whoever the purpose lets in (a booking's coordinator). None otherwise (the page says 404)."""
    payment = (
        Payment.objects.select_related("owning_centre", "organisation")
        .prefetch_related("lines", Prefetch("refunds", queryset=Refund.objects.order_by("created_at")))
        .filter(reference=reference)
        .first()
    )
    if payment is None:
        return None
    if token and constant_time_compare(token, payment.access_token):
        return payment
    if rules.allowed(user, "payment.view", payment) or (user.is_authenticated and purposes.may_view(user, payment)):
        return payment
    return None


def payments_for(purpose: str, object_id):
    """The payments of one object (a booking, a registration), newest first."""
    return Payment.objects.for_object(purpose, object_id).order_by("-created_at", "-pk")


def latest_payment(purpose: str, object_id) -> Payment | None:
    return payments_for(purpose, object_id).first()
