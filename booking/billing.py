"""Equipment bookings that cost money: the centre approves, then a payment link is sent.

A booking with a price (a non-member's loan, a pack, a delivery fee) is requested and decided
like any other; when the centre approves it, a payment is created (``booking.payments``) and
the teacher gets an e-mail with the payment link. They pay by card (Stripe Checkout) or, for
an organisation, by invoice to its EAN number. When the money is in, the booking's
``payment_status`` becomes paid. A booking cancelled before hand-out (the cancellation rule of
``booking.lifecycle``) refunds what was paid, or stops waiting for it.

The payment has no hold: the units were reserved at the request and stay so while the
payment waits. This module is the "booking" purpose handler the payments call back.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from videnscenter import rules
from videnscenter.emails import queue_email

from . import history, lifecycle, notifications
from .models import Booking
from .payments import purposes, selectors
from .payments import services as payments
from .payments.models import SETTLED, Payment

PURPOSE = "booking"


def _booking(payment: Payment) -> Booking | None:
    return Booking.objects.select_related("equipment", "pack").filter(pk=payment.object_id).first()


def _note(booking: Booking, note: str) -> None:
    history.booking_transition(booking, actor=None, from_status=booking.status, to_status=booking.status, note=note)


class BookingPayments:
    """What a booking does when its payment moves (``booking.payments.purposes``)."""

    def on_paid(self, payment: Payment) -> None:
        booking = _booking(payment)
        if booking is None:
            return
        if booking.status in lifecycle.WITHDRAWN:
            # Paid at the very moment it was cancelled or rejected: the money goes straight back.
            payments.refund(payment, reason=_("Booking %(ref)s cancelled.") % {"ref": booking.reference}, by=None)
            return
        if booking.payment_status != Booking.Payment.PAID:
            Booking.objects.filter(pk=booking.pk).update(payment_status=Booking.Payment.PAID)
            _note(booking, _("Payment %(ref)s received.") % {"ref": payment.reference})

    def on_expired(self, payment: Payment) -> None:
        """Booking payments do not hold anything (the units are reserved by the booking)."""

    def on_refunded(self, payment: Payment, refund) -> None:
        booking = _booking(payment)
        if booking is None:
            return
        if payment.status == Payment.Status.REFUNDED:
            Booking.objects.filter(pk=booking.pk).update(payment_status=Booking.Payment.REFUNDED)
        _note(booking, _("%(amount)s kr. refunded.") % {"amount": refund.amount})

    def describe(self, payment: Payment) -> str:
        booking = _booking(payment)
        if booking is None:
            return payment.reference
        return _("Booking %(ref)s: %(item)s, %(first)s–%(last)s") % {
            "ref": booking.reference,
            "item": booking.item_name,
            "first": booking.start_date.strftime("%d.%m.%Y"),
            "last": booking.end_date.strftime("%d.%m.%Y"),
        }

    def url_for(self, payment: Payment) -> str:
        booking = Booking.objects.filter(pk=payment.object_id).only("reference").first()
        return reverse("booking:detail", args=[booking.reference]) if booking else "/"

    def may_view(self, user, payment: Payment) -> bool:
        """Whoever may see the booking (the teacher, who booked for them, the school's coordinators)."""
        booking = Booking.objects.select_related("organisation").filter(pk=payment.object_id).first()
        return booking is not None and rules.allowed(user, "booking.view", booking)


def register() -> None:
    purposes.register(PURPOSE, BookingPayments())


def payment_of(booking: Booking) -> Payment | None:
    """The booking's current payment (the newest), if it has one."""
    return selectors.latest_payment(PURPOSE, booking.pk)


def booking_approved(booking: Booking) -> Payment | None:
    """Called by ``booking.services`` inside the approval: ask for the money if there is a price."""
    if booking.price <= 0 or booking.payment_status == Booking.Payment.PAID:
        return None
    existing = payment_of(booking)
    if existing is not None and existing.status in {Payment.Status.PENDING, *SETTLED}:
        return existing
    requester = booking.requester or booking.created_by
    payment = payments.create_payment(
        purpose=PURPOSE,
        object_id=booking.pk,
        owning_centre=booking.owning_centre,
        payer_name=booking.organisation.name,
        payer_email=requester.email if requester else booking.organisation.contact_email,
        payer_user=requester,
        organisation=booking.organisation,
        lines=[
            payments.Line(
                description=_("Loan of %(item)s, %(first)s–%(last)s")
                % {
                    "item": booking.item_name,
                    "first": booking.start_date.strftime("%d.%m.%Y"),
                    "last": booking.end_date.strftime("%d.%m.%Y"),
                },
                unit_price=booking.price,
                key=booking.reference,
            )
        ],
        method=Payment.Method.CARD,
        hold_minutes=None,
    )
    if booking.payment_status != Booking.Payment.PENDING:
        Booking.objects.filter(pk=booking.pk).update(payment_status=Booking.Payment.PENDING)
    queue_email(
        to=notifications.recipients(booking),
        template="booking_payment",
        context={"booking": booking, "payment": payment, "url": payments.payment_url(payment)},
    )
    return payment


def booking_cancelled(booking: Booking) -> None:
    """Called by ``booking.services`` inside a cancellation: stop waiting, or refund what was paid."""
    payment = payment_of(booking)
    if payment is None:
        return
    if payment.is_pending:
        payment = payments.cancel_pending(payment)  # paid just now: on_paid refunds it
    if payment.refundable_amount > 0:
        payments.refund(payment, reason=_("Booking %(ref)s cancelled.") % {"ref": booking.reference}, by=None)
