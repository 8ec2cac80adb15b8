"""Once per period with two workers: two real worker processes (as `make run` starts one) run the
morning job for the same morning at the same moment, and each person is emailed once. Without
EMAIL_HOST a worker prints the mail it sends, which the test reads."""

from datetime import UTC, datetime, time

import pytest
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from reminders import tasks
from tests.factories import CaseFactory
from tests.queue_worker import empty_queue, start_worker, stop_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _empty_queue():
    empty_queue()
    yield
    empty_queue()


def test_it_emails_each_person_once_when_two_workers_run_the_same_morning(
    tmp_path, southwark, alice, bob, southwark_client
):
    CaseFactory(client__borough=southwark, caseworker=bob)  # bob's, never seen: a reminder
    # One queue per worker, so that each certainly runs one of the two jobs.
    outputs = {queue: tmp_path / f"{queue}.txt" for queue in ("first", "second")}
    workers = [start_worker("--queues", queue, output=path)[0] for queue, path in outputs.items()]
    scheduled = int(datetime.combine(timezone.localdate(), time(7), tzinfo=UTC).timestamp())
    try:
        ids = [
            tasks.morning.configure(queue=queue, queueing_lock=queue).defer(timestamp=scheduled)
            for queue in outputs
        ]
        succeeded = ProcrastinateJob.objects.filter(id__in=ids, status="succeeded")
        assert wait_for(lambda: succeeded.count() == 2, 60)
    finally:
        for worker in workers:
            stop_worker(worker)
    printed = {queue: path.read_text() for queue, path in outputs.items()}
    everything = "".join(printed.values())
    assert everything.count(f"To: {alice.email}") == 1
    assert everything.count(f"To: {bob.email}") == 1
    assert everything.count("Subject: SOS Casework: your morning reminder") == 2
    assert southwark_client.first_name not in everything
