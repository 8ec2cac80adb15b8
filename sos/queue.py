"""The task queue's workers as the pages that wait on them see them (README, Background work).

Every procrastinate worker writes a heartbeat to its row in procrastinate_workers every
10 seconds and removes the row when it stops cleanly; a killed one's row stays, its heartbeat
getting older.
"""

from datetime import timedelta

from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateWorker

# No heartbeat for this long: no worker is running (twelve missed heartbeats, not a blip).
WORKER_SILENT_AFTER = timedelta(minutes=2)


def worker_running() -> bool:
    """Whether any worker has sent a heartbeat within WORKER_SILENT_AFTER."""
    since = timezone.now() - WORKER_SILENT_AFTER
    return ProcrastinateWorker.objects.filter(last_heartbeat__gte=since).exists()
