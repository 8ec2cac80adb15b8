"""Exports under the dev setup: the real worker that `make run` starts, in its own process on the
test database, writes what is asked for on the page with no other command; killed with SIGKILL
mid-export, it leaves no file offered, and the job is retried and completes."""

import csv
import io
import time
import zipfile

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import connection
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob

from casework.models import Session
from exports.models import ExportJob, ExportStatus
from sos.tasks import retry_stalled_jobs
from tests.factories import SessionFactory
from tests.queue_worker import empty_queue, start_worker, stop_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOT_PROCESSED = "Exports are not being processed; ask your administrator."
# Enough sessions that the export is still being written when the test kills its worker
# (about 36,000 rows a second on the demo data).
MANY_SESSIONS = 40_000


@pytest.fixture(autouse=True)
def _empty_queue():
    empty_queue()
    yield
    empty_queue()


def export_page(client) -> str:
    return client.get(reverse("exports:list")).content.decode()


def offers_download(client, job: ExportJob) -> bool:
    return reverse("exports:download", args=[job.pk]) in export_page(client)


def downloaded(client, job: ExportJob) -> zipfile.ZipFile:
    response = client.get(reverse("exports:download", args=[job.pk]))
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def csv_rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    text = io.StringIO(archive.read(name).decode("utf-8-sig"))
    next(text)  # the watermark row
    return list(csv.DictReader(text))


def test_it_writes_an_export_asked_for_on_the_page_with_no_other_command(
    client, login, admin_user, southwark_client
):
    SessionFactory(case=southwark_client.cases.get())
    worker, _worker_id = start_worker()
    try:
        login(admin_user)
        assert NOT_PROCESSED not in export_page(client)
        client.post(reverse("exports:request"))
        job = ExportJob.objects.get()
        assert wait_for(lambda: offers_download(client, job), 60, every=0.5)
    finally:
        stop_worker(worker)
    archive = downloaded(client, job)
    assert archive.testzip() is None
    assert [row["Session ID"] for row in csv_rows(archive, "sessions.csv")] == [
        str(pk) for pk in Session.objects.values_list("pk", flat=True)
    ]


def test_it_says_so_on_the_page_once_the_worker_has_stopped(client, login, admin_user, manager):
    worker, _worker_id = start_worker()
    login(admin_user)
    assert NOT_PROCESSED not in export_page(client)
    stop_worker(worker)
    assert NOT_PROCESSED in export_page(client)
    login(manager)
    assert NOT_PROCESSED in client.get(reverse("exports:sessions_workbook")).content.decode()


def many_sessions(session: Session, count: int) -> None:
    """`count` copies of `session`, inserted by the database in one statement."""
    columns = [
        field.column
        for field in Session._meta.concrete_fields
        if field.column not in ("id", "submission_token")
    ]
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO casework_session ({names}, submission_token) "  # noqa: S608 (our names)
            f"SELECT {names}, gen_random_uuid() FROM casework_session, generate_series(1, %s) "
            "WHERE id = %s",
            [count, session.pk],
        )


def test_it_offers_no_file_from_a_killed_worker_and_completes_the_export_on_retry(
    client, login, admin_user, southwark_client
):
    many_sessions(SessionFactory(case=southwark_client.cases.get()), MANY_SESSIONS)
    worker, worker_id = start_worker()
    login(admin_user)
    client.post(reverse("exports:request"))
    job = ExportJob.objects.get()
    try:
        assert wait_for(lambda: ExportJob.objects.get(pk=job.pk).rows_written > 0, 60)
    finally:
        worker.kill()  # SIGKILL: no clean-up of any kind
        worker.wait()

    job.refresh_from_db()
    assert (job.status, job.file_name) == (ExportStatus.RUNNING, "")
    assert job.rows_written < job.rows_total
    assert not offers_download(client, job)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
    assert [path.suffix for path in settings.PRIVATE_FILES_DIR.iterdir()] == [".part"]

    # Time passes: the dead worker's last heartbeat is now minutes old (the page says so), and
    # the queue's minutely upkeep queues its job again.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '5 minutes' "
            "WHERE id = %s",
            [worker_id],
        )
    assert NOT_PROCESSED in export_page(client)
    async_to_sync(retry_stalled_jobs.func)(timestamp=int(time.time()))

    worker, _worker_id = start_worker()
    try:
        assert wait_for(lambda: offers_download(client, job), 120, every=1)
    finally:
        stop_worker(worker)
    job.refresh_from_db()
    assert [path.name for path in settings.PRIVATE_FILES_DIR.iterdir()] == [job.file_name]
    assert job.rows_written == job.rows_total
    archive = downloaded(client, job)
    assert archive.testzip() is None
    assert len(csv_rows(archive, "sessions.csv")) == Session.objects.count() == MANY_SESSIONS + 1
    queued = ProcrastinateJob.objects.get(task_name="exports.write")
    assert (queued.status, queued.attempts) == ("succeeded", 2)
