"""``load_demo_data``: every app's demo data, in one go.

It lives in ``cms``, the top layer, because it calls into every app; each app keeps its own
demo module and knows nothing of this list.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

# "module:function(stdout=...)" of each app that has demo data; order follows the dependencies.
DEMO_LOADERS = [
    "videnscenter.demo:load_people",
    "catalogue.demo:load_catalogue",
    "booking.demo:load_bookings",
    "booking.billing_demo:load_booking_payments",
    "booking.popups.demo:load_popups",
    "media.demo:load_library",
    "cms.demo:load_portal",
    "cms.demo.registrations:load_registrations",
    "cms.demo.history:load_report_history",
]


class Command(BaseCommand):
    help = "Create or update the demo data (people, organisations, and each app's content). Safe to run twice."

    def handle(self, *args, **options):
        # Demo bookings go through the real services, which e-mail people; nobody needs those mails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for target in DEMO_LOADERS:
                module, _, func = target.partition(":")
                getattr(import_module(module), func)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Log in with the accounts listed in README.md."))
