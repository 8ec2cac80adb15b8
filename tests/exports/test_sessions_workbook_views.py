import pytest
from django.urls import reverse

from audit.models import AccessRecord
from exports.models import ExportDownload, ExportJob, ExportKind, ExportStatus
from sos.models import Role
from sos.two_factor import SECOND_FACTOR_AT
from tests.exports.sessions_workbooks import written
from tests.factories import UserFactory

PAGE = reverse("exports:sessions_workbook")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_url(job) -> str:
    return reverse("exports:sessions_workbook_download", args=[job.pk])


@pytest.mark.parametrize("persona", ["alice", "charlie", "evaluator"])
def test_it_refuses_caseworkers_and_evaluators(client, login, request, persona, manager):
    job = written(manager)
    login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403
    assert (
        client.post(PAGE, {"date_from": "2025-01-01", "date_to": "2025-01-31"}).status_code == 403
    )
    assert client.get(download_url(job)).status_code == 403
    assert ExportJob.objects.count() == 1 and not ExportDownload.objects.exists()


def test_it_keeps_what_was_typed_beside_the_errors(client, login, manager, southwark):
    login(manager)
    typed = {
        "date_from": "2025-03-01",
        "date_to": "2025-02-01",
        "borough": southwark.pk,
        "group_sessions": "on",
    }
    response = client.post(PAGE, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end of the range must not be before its start." in html
    assert 'value="2025-03-01"' in html and 'value="2025-02-01"' in html
    assert f'value="{southwark.pk}" selected' in html
    assert "checked" in html
    assert not ExportJob.objects.exists()


def test_it_offers_a_manager_only_their_boroughs(client, login, manager, croydon):
    login(manager)
    assert "Croydon" not in client.get(PAGE).content.decode()
    response = client.post(
        PAGE, {"date_from": "2025-01-01", "date_to": "2025-01-31", "borough": croydon.pk}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_it_queues_once_and_shows_progress_while_waiting(client, login, manager, southwark):
    login(manager)
    chosen = {"date_from": "2025-01-01", "date_to": "2025-03-31", "borough": southwark.pk}
    assert client.post(PAGE, chosen)["Location"] == PAGE
    assert client.post(PAGE, chosen)["Location"] == PAGE  # a double click
    job = ExportJob.objects.get()
    assert (job.kind, job.status, job.requested_by) == (
        ExportKind.SESSIONS,
        ExportStatus.QUEUED,
        manager,
    )
    assert job.parameters == {
        "date_from": "2025-01-01",
        "date_to": "2025-03-31",
        "borough_id": southwark.pk,
        "group_sessions": False,
    }
    html = client.get(PAGE).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html and "Waiting to start" in html
    # The form starts from the last request's choices.
    assert 'value="2025-03-31"' in html


def test_it_downloads_the_requesters_workbook_and_records_it(client, login, manager):
    job = written(manager)
    login(manager)
    html = client.get(PAGE).content.decode()
    assert download_url(job) in html and "http-equiv" not in html and "100%" in html
    response = client.get(download_url(job))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "sos-casework-sessions-2025-01-01-to-2025-03-31.xlsx" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")
    download = ExportDownload.objects.get()
    assert (download.job, download.downloaded_by) == (job, manager)
    record = AccessRecord.objects.get()
    assert (record.user, record.route, record.object_id) == (
        manager,
        "exports:sessions_workbook_download",
        job.pk,
    )


@pytest.mark.parametrize("other", ["croydon_manager", "southwark_manager", "admin_user"])
def test_it_404s_for_other_borough(client, login, request, manager, croydon, southwark, other):
    job = written(manager)
    people = {
        "croydon_manager": lambda: UserFactory(role=Role.MANAGER, boroughs=[croydon]),
        "southwark_manager": lambda: UserFactory(role=Role.MANAGER, boroughs=[southwark]),
        "admin_user": lambda: request.getfixturevalue("admin_user"),
    }
    login(people[other]())
    assert client.get(download_url(job)).status_code == 404
    # Nor through the full export's download.
    assert client.get(reverse("exports:download", args=[job.pk])).status_code in (403, 404)
    assert not ExportDownload.objects.exists() and not AccessRecord.objects.exists()


def test_it_asks_for_the_second_factor_again_before_a_download(client, login, manager):
    job = written(manager)
    login(manager)
    session = client.session
    session[SECOND_FACTOR_AT] = 0
    session.save()
    response = client.get(download_url(job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert not ExportDownload.objects.exists()


def test_it_lists_workbooks_in_a_fixed_number_of_queries(
    client, login, manager, southwark, django_assert_num_queries
):
    login(manager)
    for size in [1, 5]:
        for n in range(size):
            ExportJob.objects.create(
                requested_by=manager,
                kind=ExportKind.SESSIONS,
                status=ExportStatus.FAILED,
                parameters={
                    "date_from": "2025-01-01",
                    "date_to": "2025-01-31",
                    "borough_id": None if n % 2 else southwark.pk,
                    "group_sessions": False,
                },
            )
        # session, user, device, the person's workbooks, the boroughs they name, the form's
        # boroughs, whether a worker has sent a heartbeat lately (7 since the task queue: the
        # warning)
        with django_assert_num_queries(7):
            client.get(PAGE)
