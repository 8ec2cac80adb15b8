import io
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from exports import services
from exports.models import ExportDownload, ExportJob, ExportStatus
from tests.watermarks import assert_marked, csv_watermark


def written(user):
    job, _created = services.export_request(user=user)
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator", "charlie"])
def test_it_is_for_admins_only(client, login, request, persona, admin_user):
    job = written(admin_user)
    login(request.getfixturevalue(persona))
    assert client.get(reverse("exports:list")).status_code == 403
    assert client.post(reverse("exports:request")).status_code == 403
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 403
    assert not ExportDownload.objects.exists()


def test_it_404s_for_other_borough(client, login, admin_user):
    # Exports are not per borough; an export not written yet is what is not there.
    job, _created = services.export_request(user=admin_user)
    login(admin_user)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
    assert client.get(reverse("exports:download", args=[job.pk + 99])).status_code == 404


def test_it_rejects_get(client, login, admin_user):
    login(admin_user)
    assert client.get(reverse("exports:request")).status_code == 405


def test_it_queues_an_export_and_refreshes_while_it_runs(client, login, admin_user):
    login(admin_user)
    response = client.post(reverse("exports:request"))
    assert response["Location"] == reverse("exports:list")
    job = ExportJob.objects.get()
    assert (job.requested_by, job.status) == (admin_user, ExportStatus.QUEUED)
    html = client.get(reverse("exports:list")).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html and "Waiting to start" in html


def test_it_downloads_a_written_export_and_records_who(client, login, admin_user, southwark):
    job = written(admin_user)
    login(admin_user)
    html = client.get(reverse("exports:list")).content.decode()
    assert reverse("exports:download", args=[job.pk]) in html and "http-equiv" not in html
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content).startswith(b"PK")
    download = ExportDownload.objects.get()
    assert (download.job, download.downloaded_by) == (job, admin_user)


def test_it_downloads_a_file_watermarked_with_the_export_its_download_is_audited_under(
    client, login, admin_user, southwark_client
):
    since = timezone.now()
    job = written(admin_user)
    login(admin_user)
    response = client.get(reverse("exports:download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    fields = csv_watermark(archive.read("clients.csv").decode("utf-8-sig"))
    download = ExportDownload.objects.get()
    reference = f"full export {download.job_id}"
    assert_marked(fields, user=admin_user, since=since, reference=reference)


def test_it_lists_exports_in_a_fixed_number_of_queries(
    client, login, admin_user, django_assert_num_queries
):
    login(admin_user)
    for size in [1, 5]:
        for _ in range(size):
            ExportJob.objects.create(requested_by=admin_user, status=ExportStatus.FAILED)
        # session, user, device, jobs with their requesters, downloads with their downloaders,
        # whether a worker has sent a heartbeat lately (6 since the task queue: the warning)
        with django_assert_num_queries(6):
            client.get(reverse("exports:list"))


def worker_last_seen(seconds_ago: int) -> None:
    """A worker whose last heartbeat was `seconds_ago` (as a killed one leaves its row)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (now() - make_interval(secs => %s))",
            [seconds_ago],
        )


def test_it_says_plainly_when_no_worker_has_been_seen_for_two_minutes(client, login, admin_user):
    login(admin_user)
    not_processed = "Exports are not being processed; ask your administrator."
    assert not_processed in client.get(reverse("exports:list")).content.decode()
    worker_last_seen(121)
    assert not_processed in client.get(reverse("exports:list")).content.decode()
    worker_last_seen(30)
    assert not_processed not in client.get(reverse("exports:list")).content.decode()
