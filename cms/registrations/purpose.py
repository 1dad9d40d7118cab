"""The "registration" purpose of ``booking.payments``: what a payment's outcome means for sign-ups."""

from django.urls import reverse

from . import services
from .payments import PURPOSE


class RegistrationPurpose:
    """Brings the outcome of a payment back to the participants it covers (``services``)."""

    def on_paid(self, payment) -> None:
        services.payment_paid(payment_id=payment.pk)

    def on_expired(self, payment) -> None:
        services.payment_expired(payment_id=payment.pk)

    def on_refunded(self, payment, refund) -> None:
        services.payment_refunded(payment_id=payment.pk)

    def describe(self, payment) -> str:
        from ..models import Registration

        registration = Registration.objects.select_related("event").filter(pk=payment.object_id).first()
        return f"{registration.reference}: {registration.event.title}" if registration else PURPOSE

    def url_for(self, payment) -> str:
        from ..models import Registration

        registration = Registration.objects.filter(pk=payment.object_id).only("event_id").first()
        return reverse("registrations_admin:participants", args=[registration.event_id]) if registration else ""


def register() -> None:
    """Called from ``CmsConfig.ready``; does nothing until the payments app is installed."""
    try:
        from booking.payments import purposes
    except ImportError:
        return
    purposes.register(PURPOSE, RegistrationPurpose())
