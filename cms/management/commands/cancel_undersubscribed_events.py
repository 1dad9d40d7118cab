from cms.registrations import services
from cms.registrations.commands import TimedCommand


class Command(TimedCommand):
    help = "Cancel events that did not reach their minimum by the chosen day; refunds and e-mails. Idempotent."

    def handle(self, *args, **options):
        cancelled = services.undersubscribed_events_cancel(now=self.now(options))
        self.stdout.write(f"Events cancelled for too few participants: {len(cancelled)}.")
