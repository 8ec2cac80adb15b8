"""Load bulk synthetic data at national scale into an empty database, for `make bench`
(bench.seed says what is generated; every name is synthetic, every address uses .invalid).

Never point this at a database holding real or demo data: it refuses a database that already
has clients. `make bench` gives it its own databases (sos_bench_1x, sos_bench_10x).
"""

from datetime import date, timedelta
from importlib import import_module

import dj_database_url
import pgtrigger
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.utils import timezone

from bench.seed.generator import Generator
from casework.models.borough_copy import TRIGGER as BOROUGH_COPY

# Its FROM_OFFENCES statement dates justice events from the offences' own fields.
JUSTICE_EVENTS_MIGRATION = "clients.migrations.0007_justice_events_from_offences"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=5_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--boroughs", type=int, default=50)
        parser.add_argument(
            "--staff", type=int, default=0, help="default: one per 100 clients, at least 60"
        )
        parser.add_argument(
            "--until", type=date.fromisoformat, default=None, help="last day (default today)"
        )
        parser.add_argument(
            "--database-url", default="", help="load here instead of DATABASE_URL (migrated)"
        )

    def handle(self, *args, **options):
        if options["database_url"]:
            # Point the default connection elsewhere for this command only: the data
            # migrations of reference data write through it.
            connections["default"].close()
            connections.settings["default"].update(dj_database_url.parse(options["database_url"]))
            del connections["default"]
        call_command("migrate", verbosity=0)
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM clients_client)")
            if cursor.fetchone()[0]:
                raise CommandError(
                    "This database already has clients: seed_scale needs an empty one"
                )
        until = options["until"] or timezone.localdate()
        staff = options["staff"] or max(60, options["clients"] // 100)
        generator = Generator(
            seed=options["seed"],
            until=until,
            first=until - timedelta(days=365 * options["years"]),
            boroughs=options["boroughs"],
            staff=staff,
            clients=options["clients"],
        )
        # The audit trail starts with the first change a person makes (as seed_demo does):
        # the bulk load skips pghistory's insert triggers. pgtrigger.ignore sets a
        # transaction-local flag through Django's cursor; the COPYs run in that transaction.
        # The borough copies (casework.models.borough_copy) are kept: the rows need them.
        triggers = [
            f"{model._meta.label}:{t.name}"
            for model, t in pgtrigger.registered()
            if t.name != BOROUGH_COPY
        ]
        with (
            transaction.atomic(),
            pgtrigger.ignore(*triggers),
            connections["default"].cursor() as cursor,
        ):
            cursor.execute("SELECT 1")  # sets pgtrigger.ignore for this transaction
            counts = generator.load(cursor.cursor, progress=self.stderr)
            # Justice events (figure 9) by the rule that dated them for existing offences.
            cursor.execute(import_module(JUSTICE_EVENTS_MIGRATION).FROM_OFFENCES)
            counts["justice events"] = cursor.rowcount
            for model in generator.ids.next:
                table = model._meta.db_table  # our own table names, never input
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        with connections["default"].cursor() as cursor:
            # Index-only scans need the visibility map that VACUUM sets (autovacuum, in use).
            cursor.execute("VACUUM ANALYZE")
            label = (
                f"seed_scale clients={options['clients']} years={options['years']} "
                f"seed={options['seed']} until={until}"
            )
            name = connections["default"].settings_dict["NAME"]
            cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")
        for name, n in counts.items():
            self.stdout.write(f"  {name:<22} {n:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Loaded: {label}"))
