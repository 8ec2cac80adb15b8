"""Write a sessions workbook of at least --rows sessions from a database and print rows,
seconds, file size and peak memory (issue 10's XLSX target: 100,000 rows in under 10 s).

Load the data first, into a database of its own, with the bench settings, for example:
  export DJANGO_SETTINGS_MODULE=bench.settings
  manage.py seed_scale --clients 2500 --years 10 --database-url postgres://.../sos_bench_xlsx
  manage.py bench_sessions_workbook --rows 100000 --database-url postgres://.../sos_bench_xlsx
"""

import os

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from bench.sessions_workbook import bench_sessions_workbook, latest_sessions_request


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument(
            "--database-url", default="", help="read this database instead of DATABASE_URL"
        )

    def handle(self, *args, rows, database_url, **options):
        if database_url:
            # As seed_scale does: point the default connection there for this command only.
            connections["default"].close()
            connections.settings["default"].update(dj_database_url.parse(database_url))
            del connections["default"]
        request = latest_sessions_request(rows)
        if request is None:
            raise CommandError(
                f"Fewer than {rows:,} sessions here: load more with manage.py seed_scale."
            )
        result = bench_sessions_workbook(request)
        self.stdout.write(
            f"sessions workbook: {result.rows:,} rows "
            f"({request.date_from:%d %b %Y} to {request.date_to:%d %b %Y}), "
            f"{result.seconds:.2f} s ({result.cpu_seconds:.2f} s CPU in this process), "
            f"{result.file_bytes / 1_000_000:.1f} MB, "
            f"peak RSS {result.peak_rss_mb:.0f} MB ({result.rss_before_mb:.0f} MB before), "
            f"{result.queries} queries, load average {os.getloadavg()[0]:.1f}"
        )
