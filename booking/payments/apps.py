from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payments by card (Stripe Checkout), invoice (EAN) or free, for any purpose that registers.

    Payments never import what they pay for: a consumer (an equipment booking, a course
    registration) registers a handler for its purpose (``booking.payments.purposes``).
    """

    name = "booking.payments"
    label = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.BigAutoField"
