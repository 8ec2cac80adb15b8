from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Session, SessionIntervention
from clients.models import Case
from imports import services
from imports.kinds import sessions as sessions_kind
from imports.models import ImportStatus
from tests.factories import CaseFactory, ClientFactory, SessionFactory
from tests.imports.sheets import SESSION_HEADERS, csv_file, session_row

REFERRED = date(2024, 1, 15)


@pytest.fixture
def case(southwark, alice):
    """Young person 08/000001X of Southwark, referred on 15 Jan 2024, not yet started."""
    alice.email = "staff-alice@example.invalid"
    alice.save()
    client = ClientFactory(
        first_name="Jay", last_name="Example", pnc_id="08/000001X", borough=southwark
    )
    return CaseFactory(client=client, referral_date=REFERRED, index_date=None, caseworker=alice)


def preview(user, rows):
    return services.import_preview(
        user=user,
        kind="sessions",
        file_name="sessions.csv",
        content=csv_file(rows, SESSION_HEADERS),
    )


def commit(user, rows, *, skip_invalid=False):
    run, _plan = preview(user, rows)
    plan = services.import_commit(run=run, user=user, skip_invalid=skip_invalid)
    run.refresh_from_db()
    return run, plan


def test_it_imports_a_thousand_valid_rows(manager, case):
    run, plan = commit(manager, [session_row(n) for n in range(1000)])
    assert (plan.created, plan.errors, run.status) == (1000, [], ImportStatus.COMMITTED)
    assert Session.objects.filter(case=case).count() == 1000
    assert SessionIntervention.objects.count() == 2000
    case.refresh_from_db()
    assert case.index_date == date(2024, 2, 1)  # the first attended session


def test_it_finds_the_young_person_by_name_and_date_of_birth(manager, case):
    row = session_row(
        1,
        **{
            "PNC ID": "",
            "First name": "JAY",
            "Last name": "example",
            "Date of birth": f"{case.client.date_of_birth:%d/%m/%Y}",
        },
    )
    _run, plan = preview(manager, [row])
    assert (plan.created, plan.errors) == (1, [])


def test_it_picks_the_case_open_on_the_session_date(manager, case, alice):
    case.closure_date = date(2024, 3, 1)
    case.closure_reason_id = 1
    case.save()
    later = CaseFactory(
        client=case.client, referral_date=date(2024, 6, 1), index_date=None, caseworker=alice
    )
    commit(manager, [session_row(1), session_row(2, **{"Session date": "10/06/2024"})])
    assert list(later.sessions.values_list("date", flat=True)) == [date(2024, 6, 10)]
    assert case.sessions.count() == 1


def mixed_rows(other_pnc):
    """One valid row, then one row for each kind of error, from spreadsheet row 3."""
    future = f"{date.today() + timedelta(days=2):%d/%m/%Y}"
    return [
        session_row(1),
        session_row(2, **{"Session date": future}),
        session_row(3, **{"Session date": "01/01/2024"}),
        session_row(4, **{"Duration minutes": "721"}),
        session_row(5, **{"Duration minutes": "an hour"}),
        session_row(6, Attendance="Did not attend"),
        session_row(7, Interventions="Juggling"),
        session_row(8, **{"Caseworker email": "nobody@example.invalid"}),
        session_row(9, **{"PNC ID": "08/777777X"}),
        session_row(10, **{"PNC ID": other_pnc}),
        session_row(11, **{"Referral date": "16/01/2024"}),
        session_row(1),
        session_row(12, **{"PNC ID": ""}),
    ]


def test_it_lists_every_invalid_row_with_column_and_reason(manager, case, croydon):
    CaseFactory(client__pnc_id="08/999999X", client__borough=croydon)
    _run, plan = preview(manager, mixed_rows("08/999999X"))
    found = {(error.row, error.column) for error in plan.errors}
    assert found == {
        (3, "Session date"),  # in the future
        (4, "Session date"),  # before the referral
        (5, "Duration minutes"),  # over 12 hours
        (6, "Duration minutes"),  # not a number
        (7, "Interventions"),  # interventions in a session not attended
        (8, "Interventions"),  # unknown intervention
        (9, "Caseworker email"),  # unknown member of staff
        (10, ""),  # unknown young person
        (11, ""),  # young person in another borough
        (12, "Referral date"),  # no such case
        (13, ""),  # the same session as row 2
        (14, ""),  # no way to find the young person
    }
    reasons = {(error.row, error.column): error.reason for error in plan.errors}
    assert "before the referral on 15 Jan 2024" in reasons[(4, "Session date")]
    assert "12 hours" in reasons[(5, "Duration minutes")]
    assert reasons[(8, "Interventions")] == "Unknown intervention: Juggling."
    assert "borough you cannot import into" in reasons[(11, "")]
    assert "row 2" in reasons[(13, "")]
    assert (plan.rows, plan.created, plan.invalid) == (13, 1, 12)


def test_it_writes_nothing_when_any_row_is_invalid(manager, case):
    run, plan = commit(manager, [session_row(1), session_row(2, **{"Duration minutes": "0"})])
    assert run.status == ImportStatus.REFUSED and plan.invalid == 1
    assert not Session.objects.exists()


def test_it_writes_only_the_valid_rows_when_asked_to_skip(manager, case):
    rows = [session_row(1), session_row(2, Interventions="Juggling")]
    run, _plan = commit(manager, rows, skip_invalid=True)
    assert (run.status, run.created, run.invalid) == ("committed", 1, 1)
    assert Session.objects.count() == 1


def test_it_creates_nothing_when_the_same_file_is_imported_again(manager, case):
    rows = [session_row(n) for n in range(5)]
    assert commit(manager, rows)[0].created == 5
    run, plan = commit(manager, rows)
    assert (run.status, plan.created, plan.unchanged, plan.errors) == ("committed", 0, 5, [])
    assert Session.objects.count() == 5 and SessionIntervention.objects.count() == 10


def test_it_skips_a_session_logged_on_the_web_already(manager, case, alice):
    SessionFactory(case=case, date=date(2024, 2, 1), start_time="09:01", logged_by=alice)
    _run, plan = preview(manager, [session_row(1), session_row(2)])
    assert (plan.created, plan.unchanged) == (1, 1)


def test_it_sets_each_index_date_once_after_writing(manager, case, alice):
    other = CaseFactory(client__borough=case.client.borough, client__pnc_id="08/000002X")
    other.referral_date, other.index_date = REFERRED, None
    other.save()
    rows = [
        session_row(1, **{"Session date": "03/02/2024"}),
        session_row(2, **{"Session date": "02/02/2024", "Attendance": "dna", "Interventions": ""}),
        session_row(3, **{"Session date": "20/02/2024", "PNC ID": "08/000002X"}),
        session_row(4, **{"Session date": "19/02/2024", "PNC ID": "08/000002X"}),
    ]
    with CaptureQueriesContext(connection) as queries:
        commit(manager, rows)
    updates = [q for q in queries if q["sql"].startswith('UPDATE "clients_case"')]
    assert len(updates) == 1
    dates = dict(Case.objects.values_list("pk", "index_date"))
    assert (dates[case.pk], dates[other.pk]) == (date(2024, 2, 3), date(2024, 2, 19))


@pytest.mark.parametrize("size", [10, 60])
def test_it_checks_a_file_in_a_fixed_number_of_queries(manager, case, size):
    run, _plan = preview(manager, [session_row(n) for n in range(size)])
    # the user's borough ids, every client's identity, cases of the clients named,
    # sessions of those cases, staff who may log, intervention types
    with CaptureQueriesContext(connection) as queries:
        services.import_plan(run=run, user=manager)
    assert len(queries) == 6


def test_it_batches_writes(manager, case, monkeypatch):
    monkeypatch.setattr(sessions_kind, "BATCH_SIZE", 7)
    with CaptureQueriesContext(connection) as queries:
        commit(manager, [session_row(n) for n in range(20)])
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "casework_session')]
    assert len(inserts) == 3 + 6  # 3 batches of 20 sessions, 6 of their 40 interventions


def test_it_lets_an_admin_import_into_any_borough(admin_user, croydon, charlie):
    case = CaseFactory(client__pnc_id="08/000001X", client__borough=croydon, caseworker=charlie)
    case.referral_date = REFERRED
    case.save()
    row = session_row(1, **{"Caseworker email": charlie.email.upper()})
    run, _plan = commit(admin_user, [row])
    assert run.status == "committed" and Session.objects.get().logged_by == charlie
