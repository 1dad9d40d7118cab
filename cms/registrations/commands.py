"""What the sign-up commands share: a ``--now`` to run as of another moment (tests, catching up)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class TimedCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as of this moment (ISO 8601), instead of the clock.")

    def now(self, options) -> datetime:
        if not options.get("now"):
            return timezone.now()
        moment = parse_datetime(options["now"])
        if moment is None:
            raise CommandError("--now must be an ISO 8601 date and time.")
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
