from django.core.management.base import BaseCommand

from booking.payments import services


class Command(BaseCommand):
    help = (
        "Held card payments past their time: ask Stripe, take in late payments, release the rest "
        "(a backup for lost webhooks; run every few minutes)."
    )

    def handle(self, *args, **options):
        expired = services.expire_overdue()
        self.stdout.write(f"{expired} payment(s) expired.")
