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

        # A unit's page shows its centre's staff the loans waiting at the desk.
        from catalogue.sections import register_unit_section

        from .staff.unit_section import desk_section

        register_unit_section(desk_section)

        # Personal data in bookings, history and calendar feeds: what a person sees and what expires.
        from . import privacy

        privacy.register()

        # Bookings that cost money are paid through booking.payments, which calls back here.
        from . import billing

        billing.register()
