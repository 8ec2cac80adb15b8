from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from gdpr.retention import clients_past_retention, retention_cutoff
from gdpr.services import retention_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise young people whose every case closed more than N years ago "
        "(RETENTION_YEARS), in the live and the audit tables. The task queue's worker does it "
        "every night; this command is for a dry run or a run by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.RETENTION_YEARS)
        parser.add_argument("--dry-run", action="store_true", help="Say how many, change nothing.")

    def handle(self, *args, years, dry_run, **options):
        today = timezone.localdate()
        cutoff = retention_cutoff(today=today, years=years)
        # Counts only: the output may end up in a log, which must hold no personal data.
        if dry_run:
            count = clients_past_retention(today=today, years=years).count()
            self.stdout.write(
                f"Dry run: {count} clients with every case closed before "
                f"{cutoff:%-d %b %Y} would be anonymised."
            )
            return
        count = retention_anonymise(today=today, years=years)
        self.stdout.write(
            f"Anonymised {count} clients with every case closed before {cutoff:%-d %b %Y}."
        )
