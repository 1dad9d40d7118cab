from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "booking"
    label = "booking"
    verbose_name = _("Bookings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The catalogue asks "what is free?"; from now on bookings, PopUps and maintenance answer.
        from catalogue.availability import set_availability

        from .availability import BookingAvailability

        set_availability(BookingAvailability())

        # Personal data in bookings, history and calendar feeds: what a person sees and what expires.
        from . import privacy

        privacy.register()
