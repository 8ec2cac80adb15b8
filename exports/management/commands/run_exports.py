"""Write the full exports admins have asked for, and delete expired ones.

Without --loop: everything waiting, then exit (for cron or a systemd timer, every minute).
With --loop: keep polling (for a systemd service or a container of its own).
"""

import time

import pghistory
from django.core.management.base import BaseCommand

from exports import services


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, polling")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls")

    def handle(self, *args, loop, interval, **options):
        while True:
            self._run_waiting()
            if not loop:
                return
            time.sleep(interval)

    def _run_waiting(self) -> None:
        if purged := services.export_purge():
            self.stdout.write(f"Deleted {purged} expired export files.")
        while job := services.export_claim():
            self.stdout.write(f"Writing export {job.pk}...")
            started = time.monotonic()
            with pghistory.context(user=job.requested_by_id, command="run_exports"):
                try:
                    services.export_run(job=job)
                except Exception:  # noqa: BLE001 - recorded on the job; go on with the next
                    self.stderr.write(f"Export {job.pk} failed.")
                    continue
            job.refresh_from_db()
            self.stdout.write(
                f"Export {job.pk}: {job.rows_written} rows, {job.file_size} bytes, "
                f"{time.monotonic() - started:.1f} s."
            )
