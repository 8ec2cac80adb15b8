"""Add partner agencies and a year of their referrals (bench.seed.partners) to a bench database
seeded before seed_scale loaded them, so a reused database measures the same triage queue as a
new one. Does nothing when the database already has partners; refuses one without bench data.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from bench.seed.copier import Ids, bulk_load
from bench.seed.partners import load_partner_referrals
from referrals.models import Attempt, Partner, Submission
from sos.models import Role, User

BENCH_EMAILS = "@bench.invalid"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if Partner.objects.exists():
            self.stdout.write("Partners already loaded: nothing to do.")
            return
        managers = User.objects.filter(role=Role.MANAGER, email__endswith=BENCH_EMAILS)
        deciders = dict(managers.order_by("-pk").values_list("boroughs", "pk"))
        deciders.pop(None, None)
        if not deciders:
            raise CommandError("No bench managers here: this is not a seed_scale database")
        # Names for the referrals that never became young people, from the ones already here.
        names = User.objects.filter(email__endswith=BENCH_EMAILS).values_list(
            "first_name", "last_name"
        )
        firsts, lasts = zip(*names, strict=True)
        ids = Ids()
        models = [Partner, Partner.boroughs.through, Submission, Attempt]
        with bulk_load(ids) as cursor:
            ids.start_after_existing(models)
            rows = load_partner_referrals(
                cursor.cursor,
                random.Random(options["seed"]),  # noqa: S311 (synthetic, reproducible)
                ids,
                until=timezone.localdate(),
                deciders=deciders,
                names=(sorted(set(firsts)), sorted(set(lasts))),
            )
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE referrals_submission; ANALYZE referrals_partner")
        self.stdout.write(self.style.SUCCESS(f"Loaded {rows:,} partner referrals"))
