"""The task queue's own upkeep: finished jobs do not pile up for ever."""

from asgiref.sync import async_to_sync
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from sos.tasks import remove_old_jobs, retry_stalled_jobs


def finished(status: str, *, days_ago: int) -> int:
    """A job of the queue's own that ended with `status` `days_ago` days ago."""
    job_id = retry_stalled_jobs.defer(timestamp=days_ago)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET status = %s WHERE id = %s", [status, job_id])
        cursor.execute(
            "UPDATE procrastinate_events SET at = now() - make_interval(days => %s) "
            "WHERE job_id = %s",
            [days_ago, job_id],
        )
    return job_id


def test_it_removes_succeeded_jobs_after_a_week_and_keeps_failed_ones(db):
    old, recent = finished("succeeded", days_ago=8), finished("succeeded", days_ago=6)
    failed = finished("failed", days_ago=30)
    async_to_sync(remove_old_jobs.func)(timestamp=0)
    left = ProcrastinateJob.objects.filter(id__in=[old, recent, failed])
    assert set(left.values_list("id", flat=True)) == {recent, failed}
