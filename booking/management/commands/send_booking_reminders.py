from django.core.management.base import BaseCommand

from booking.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders before loans start and before they are due back. Safe to run several times a day."

    def handle(self, *args, **options):
        starting, returning = send_reminders()
        self.stdout.write(f"Reminders queued: {starting} before start, {returning} before return.")
