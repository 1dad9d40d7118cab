from cms.registrations import services
from cms.registrations.commands import TimedCommand


class Command(TimedCommand):
    help = "E-mail participants two days before their event. Safe to run several times a day."

    def handle(self, *args, **options):
        sent = services.reminders_send(now=self.now(options))
        self.stdout.write(f"Event reminders queued: {sent}.")
