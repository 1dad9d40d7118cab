from cms.models import EventPage
from cms.registrations import services
from cms.registrations.commands import TimedCommand


class Command(TimedCommand):
    help = "Let lapsed waitlist offers go and offer free places to the next in line. Run every few minutes."

    def handle(self, *args, **options):
        now = self.now(options)
        offers = 0
        for event in EventPage.objects.filter(
            registration_open=True,
            start__gt=now,
            participants__status__in=[
                "waitlisted",
                "offered",
            ],
        ).distinct():
            offers += len(services.waitlist_advance(event=event, now=now))
        self.stdout.write(f"Waitlist offers made: {offers}.")
