from django.core.management.base import BaseCommand

from videnscenter.personal_data import data_class, retention_days, retention_rules
from videnscenter.privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Anonymise personal data whose retention period has run out (README: Personal data). "
        "Run daily; safe to run again. --dry-run shows what would change and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = retention_apply(dry_run=dry_run)
        for rule in retention_rules():
            days = retention_days(rule.data_class)
            label = data_class(rule.data_class).label
            self.stdout.write(f"{rule.key:32} {label} ({days} d): {counts.get(rule.key, 0)}")
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{sum(counts.values())} records {verb}.")
