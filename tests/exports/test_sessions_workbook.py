from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from openpyxl import load_workbook

from casework.models import GroupSession, InterventionType, Session
from exports import services, workbook_writer
from exports.models import ExportJob, ExportStatus
from exports.sessions_workbook import SESSION_COLUMNS
from sos.models import Role
from tests.exports.sessions_workbooks import FROM, TO, asked, sheet_rows, written
from tests.factories import CaseFactory, GroupSessionFactory, SessionFactory, UserFactory
from tests.watermarks import assert_marked, xlsx_watermark
from tests.xlsx_hygiene import assert_clean_workbook

IN_RANGE = date(2025, 2, 14)


@pytest.fixture
def sessions(southwark, croydon, southwark_client, croydon_client, alice, charlie):
    """Sessions in range, by who may have them: Southwark's own, Croydon's own, a Southwark
    young person supported in Croydon, and a Croydon young person supported in Southwark."""
    southwark_case, croydon_case = southwark_client.cases.get(), croydon_client.cases.get()
    supported_in_croydon = CaseFactory(client=southwark_client, borough=croydon)
    moved_to_croydon = CaseFactory(client__borough=croydon, borough=southwark)
    return {
        "southwark": [SessionFactory(case=southwark_case, date=IN_RANGE) for _ in range(3)],
        "croydon": [SessionFactory(case=croydon_case, date=IN_RANGE) for _ in range(2)],
        "supported_in_croydon": [
            SessionFactory(case=supported_in_croydon, date=IN_RANGE, logged_by=charlie)
        ],
        "moved_to_croydon": [SessionFactory(case=moved_to_croydon, date=IN_RANGE, logged_by=alice)],
    }


def ids(*groups) -> set[int]:
    return {session.pk for group in groups for session in group}


def test_it_gives_a_manager_only_their_boroughs_sessions(manager, sessions):
    job = written(manager)
    # Not the Croydon-delivered support of a Southwark young person (another borough's
    # work), nor a young person now living in Croydon (the manager cannot see them).
    assert {row["Session ID"] for row in sheet_rows(job)} == ids(sessions["southwark"])


def test_it_refuses_another_borough_chosen_by_a_manager(manager, croydon, sessions):
    # The one borough rule of sos.access: out of scope is refused, never an empty workbook.
    job, _created = services.sessions_workbook_request(user=manager, request=asked(borough=croydon))
    with pytest.raises(Http404):
        services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.file_name) == (ExportStatus.FAILED, "Http404", "")


def test_it_gives_an_admin_every_borough_or_the_one_chosen(admin_user, croydon, sessions):
    everything = written(admin_user)
    assert {row["Session ID"] for row in sheet_rows(everything)} == ids(*sessions.values())
    one = written(admin_user, borough=croydon)
    assert {row["Session ID"] for row in sheet_rows(one)} == ids(
        sessions["croydon"], sessions["supported_in_croydon"]
    )


@pytest.mark.parametrize("persona", ["alice", "evaluator"])
def test_it_refuses_caseworkers_and_evaluators(request, persona):
    with pytest.raises(PermissionDenied):
        services.sessions_workbook_request(user=request.getfixturevalue(persona), request=asked())
    assert not ExportJob.objects.exists()


def test_it_writes_nothing_for_a_manager_who_lost_the_role_since_asking(manager, sessions):
    job, _created = services.sessions_workbook_request(user=manager, request=asked())
    manager.role = Role.CASEWORKER
    manager.save()
    with pytest.raises(PermissionDenied):
        services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.file_name) == (ExportStatus.FAILED, "PermissionDenied", "")


def test_it_has_a_row_for_every_session_in_the_range_and_no_other(manager, southwark_client):
    case = southwark_client.cases.get()
    for day in [FROM - timedelta(days=1), FROM, IN_RANGE, IN_RANGE, TO, TO + timedelta(days=1)]:
        SessionFactory(case=case, date=day)
    job = written(manager)
    rows = sheet_rows(job)
    in_range = Session.objects.filter(date__range=(FROM, TO)).count()
    assert len(rows) == in_range == job.rows_written == job.rows_total == 4
    assert [row["Date"].date() for row in rows] == [FROM, IN_RANGE, IN_RANGE, TO]


def test_it_writes_the_columns_an_evaluation_needs(manager, alice, southwark_client):
    case = southwark_client.cases.get()
    session = SessionFactory(
        case=case,
        date=IN_RANGE,
        start_time=time(14, 30),
        duration_minutes=45,
        contact_type="prison_visit",
        attendance="dna",
        notes="Qzcanary session notes",
    )
    session.interventions.add(*InterventionType.objects.filter(name__in=["CV workshop"]))
    (row,) = sheet_rows(written(manager))
    assert list(row) == [column.header for column in SESSION_COLUMNS]
    assert row["Date"].date() == IN_RANGE and row["Start time"] == time(14, 30)
    assert row["Borough"] == "Southwark"
    assert row["Caseworker"] == alice.get_full_name()
    assert (row["Client ID"], row["Case ID"]) == (southwark_client.pk, case.pk)
    assert row["Kind"] == "Prison visit"
    assert row["Duration (minutes)"] == 45
    assert row["Attendance"] == "Did not attend"
    assert row["Interventions"] == "CV workshop"
    # No name of the young person, no notes.
    text = " ".join(str(value) for value in row.values())
    assert southwark_client.first_name not in text and "Qzcanary" not in text


def test_it_puts_group_sessions_on_a_second_sheet_when_asked(
    manager, alice, southwark, croydon, southwark_client
):
    SessionFactory(case=southwark_client.cases.get(), date=IN_RANGE)
    ours = GroupSessionFactory(borough=southwark, date=IN_RANGE, facilitators=[alice])
    GroupSessionFactory(borough=croydon, date=IN_RANGE)
    GroupSessionFactory(borough=southwark, date=TO + timedelta(days=1))
    assert load_workbook(written(manager).path).sheetnames == ["About this file", "Sessions"]
    job = written(manager, group_sessions=True)
    assert load_workbook(job.path).sheetnames == ["About this file", "Sessions", "Group sessions"]
    (row,) = sheet_rows(job, "Group sessions")
    assert (row["Group session ID"], row["Setting"]) == (ours.pk, "School")
    assert row["Facilitators"] == alice.get_full_name()
    assert job.rows_written == job.rows_total == 2


def test_it_says_on_the_cover_who_it_was_prepared_for_and_what_it_holds(manager, southwark_client):
    since = timezone.now()
    job = written(manager)
    cover = xlsx_watermark(load_workbook(job.path))
    assert_marked(cover, user=manager, since=since, reference=f"sessions workbook {job.pk}")
    assert cover["Sessions from"] == "1 Jan 2025 to 31 Mar 2025"
    assert cover["Boroughs"] == "Southwark"
    assert "criminal-offence data" in cover["Handling"]


def test_it_writes_a_clean_workbook_with_formulas_escaped(manager, alice, southwark_client):
    alice.first_name = "=HYPERLINK(1)"
    alice.save()
    InterventionType.objects.filter(name="CV workshop").update(name="@SUM(1+1)")
    session = SessionFactory(case=southwark_client.cases.get(), date=IN_RANGE, logged_by=alice)
    session.interventions.add(InterventionType.objects.get(name="@SUM(1+1)"))
    job = written(manager, group_sessions=True)
    book = load_workbook(job.path)
    assert_clean_workbook(book)
    assert book.sheetnames[0] == "About this file"
    (row,) = sheet_rows(job)
    assert row["Caseworker"].startswith("'=HYPERLINK(1)")
    assert row["Interventions"] == "'@SUM(1+1)"
    assert job.path.stat().st_mode & 0o777 == 0o600


def test_it_moves_progress_while_writing(monkeypatch, manager, southwark_client):
    case = southwark_client.cases.get()
    for _ in range(5):
        SessionFactory(case=case, date=IN_RANGE)
    monkeypatch.setattr(workbook_writer, "REPORT_EVERY", 2)
    seen = []
    real_write = services.write_workbook

    def write_and_watch(path, about, sheets, *, report):
        def watched(written):
            report(written)
            job = ExportJob.objects.get()
            seen.append((job.status, job.rows_written, job.progress))

        return real_write(path, about, sheets, report=watched)

    monkeypatch.setattr(services, "write_workbook", write_and_watch)
    job = written(manager)
    assert seen == [("running", 2, 40), ("running", 4, 80), ("running", 5, 99)]
    assert (job.status, job.progress, job.rows_written, job.rows_total) == ("done", 100, 5, 5)


def test_it_reads_sessions_in_queries_independent_of_their_number(
    manager, alice, southwark_client, django_assert_num_queries
):
    case = southwark_client.cases.get()
    for size in [1, 30]:
        for _ in range(size):
            session = SessionFactory(case=case, date=IN_RANGE, logged_by=UserFactory())
            session.interventions.add(*InterventionType.objects.all()[:2])
        GroupSessionFactory(borough=case.borough, date=IN_RANGE, facilitators=[alice])
        job, _created = services.sessions_workbook_request(
            user=manager, request=asked(group_sessions=True)
        )
        # Marking it running (savepoint, the job locked with its requester, saved, release:
        # the run claims its own job since the task queue, 12 where the runner's claim was
        # separate and 9 were counted); the boroughs' names; counting sessions, counting group
        # sessions; saving rows_total; the sessions and the group sessions (one server-side
        # cursor each, interventions and facilitators aggregated in it); the last progress
        # report; the job marked done. Progress reports add one update per REPORT_EVERY
        # (2,000) rows.
        with django_assert_num_queries(12):
            services.export_run(job_id=job.pk)
        job.refresh_from_db()
        assert job.rows_written == Session.objects.count() + GroupSession.objects.count()
