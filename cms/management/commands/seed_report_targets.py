"""``manage.py seed_report_targets [--oest SLUG] [--vest SLUG]``: the strategy's targets from 2021.

Run once per installation; targets changed since are kept. Baselines (the 2021 levels) are typed
in under *Report data → Baselines*: the platform did not count then.
"""

from django.core.management.base import BaseCommand, CommandError

from videnscenter.models import Organisation

from ...reports.services import report_targets_seed


class Command(BaseCommand):
    help = "Create the joint strategy's targets (2021 on) for the two centres where they are missing."

    def add_arguments(self, parser):
        parser.add_argument("--oest", default="videnscenter-oest", help="slug of Videnscenter Øst")
        parser.add_argument("--vest", default="videnscenter-vest", help="slug of Videnscenter Vestdanmark")

    def handle(self, *args, oest: str, vest: str, **options):
        centres = {c.slug: c for c in Organisation.objects.centres().filter(slug__in=[oest, vest])}
        missing = [slug for slug in (oest, vest) if slug not in centres]
        if missing:
            raise CommandError(f"No knowledge centre with the slug {', '.join(missing)}.")
        created = report_targets_seed(oest=centres[oest], vest=centres[vest])
        self.stdout.write(self.style.SUCCESS(f"{created} targets created."))
