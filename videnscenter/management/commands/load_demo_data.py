from importlib import import_module

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

# Each app that has demo data exposes ``demo.load(stdout=...)``; order follows the dependencies.
DEMO_LOADERS = [
    "videnscenter.demo:load_people",
    "catalogue.demo:load_catalogue",
    "booking.demo_bookings:load_bookings",
    "booking.demo:load_popups",
    "media.demo:load_library",
    "cms.demo:load_portal",
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
