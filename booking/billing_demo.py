"""Demo payments for equipment bookings: one paid by card, one paid by invoice and refunded.

A vocational school outside the membership borrows twice, through the real booking and
payment services. The demo has no Stripe, so the card payment's confirmation (what Stripe's
signed webhook does in real life) is written here, marked as demo; everything else is the
services' work. (It lives next to ``billing`` rather than in ``booking.payments`` because
payments never import the bookings they are paid for.)
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from catalogue.models import Equipment
from videnscenter.demo import _member, _user
from videnscenter.models import Organisation, Role, User

from . import billing, engine, services
from .payments import audit, purposes
from .payments import services as payments
from .payments.models import Payment

SCHOOL = "teknisk-skole-vest"
EAN = "5798000416604"
PRICES = {"aldringsdragt-fuldt-saet": Decimal("450.00"), "vr-briller-med-plejescenarier": Decimal("299.95")}


def _staff_for(equipment: Equipment) -> User:
    key = "oest" if equipment.owning_centre.slug.endswith("oest") else "vest"
    return User.objects.get(email=f"personale@{key}.videnscenter.example")


def _as_if_stripe_confirmed(payment: Payment) -> None:
    """Demo only: what ``payments.handle_webhook`` does when Stripe says a Checkout session is paid."""
    payment.stripe_session_id = f"cs_demo_{payment.pk}"
    payment.stripe_payment_intent_id = f"pi_demo_{payment.pk}"
    payment.status = Payment.Status.PAID
    payment.paid_at = timezone.now()
    payment.save()
    audit.record(payment, "payment.paid", actor=None, note="Demo: as if confirmed by Stripe")
    purposes.handler_for(payment.purpose).on_paid(payment)


@transaction.atomic
def load_booking_payments(stdout=None) -> None:
    if Payment.objects.filter(purpose=billing.PURPOSE).exists():
        return
    school = Organisation.objects.filter(slug=SCHOOL).first()
    items = list(Equipment.objects.filter(slug__in=PRICES).select_related("owning_centre").order_by("slug"))
    if school is None or len(items) < 2:
        return
    for item in items:
        if not item.external_price:
            item.external_price = PRICES[item.slug]
            item.save(update_fields=["external_price"])
    teacher = _user(f"laerer1@{SCHOOL}.example", "Jonas", "Brandt")
    _member(teacher, school, Role.TEACHER)
    today = timezone.localdate()
    made = 0
    for offset, item in zip((45, 60), items, strict=True):
        start = today + timedelta(days=offset)
        try:
            booking = services.booking_request(
                actor=teacher, organisation=school, equipment=item, start_date=start, end_date=start + timedelta(days=2)
            )
        except engine.NotAvailable:
            continue
        staff = _staff_for(item)
        services.booking_approve(actor=staff, booking=booking)
        payment = billing.payment_of(booking)
        if made == 0:
            _as_if_stripe_confirmed(payment)
        else:
            payments.choose_invoice(payment, ean=EAN, invoice_reference="Rekv. 2231", organisation=None, by=teacher)
            payments.mark_invoice_paid(payment, by=staff)
            services.booking_cancel(actor=teacher, booking=booking, note="Forløbet er aflyst.")  # refunds it
        made += 1
    if stdout:
        stdout.write(f"Payments: {made} demo booking payments (one paid by card, one refunded).")
