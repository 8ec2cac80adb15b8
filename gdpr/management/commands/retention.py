from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from gdpr.anonymise import clients_anonymise
from gdpr.models import AnonymisationReason
from gdpr.retention import clients_past_retention, retention_cutoff


class Command(BaseCommand):
    help = (
        "Anonymise young people whose every case closed more than N years ago "
        "(RETENTION_YEARS), in the live and the audit tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.RETENTION_YEARS)
        parser.add_argument("--dry-run", action="store_true", help="Say how many, change nothing.")

    def handle(self, *args, years, dry_run, **options):
        today = timezone.localdate()
        client_ids = list(
            clients_past_retention(today=today, years=years).values_list("pk", flat=True)
        )
        cutoff = retention_cutoff(today=today, years=years)
        # Counts only: the output may end up in a log, which must hold no personal data.
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(client_ids)} clients with every case closed before "
                f"{cutoff:%d %b %Y} would be anonymised."
            )
            return
        count = clients_anonymise(client_ids=client_ids, reason=AnonymisationReason.RETENTION)
        self.stdout.write(
            f"Anonymised {count} clients with every case closed before {cutoff:%d %b %Y}."
        )
