import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import Case, Client
from imports import services
from imports.kinds import clients as clients_kind
from imports.models import ImportStatus
from tests.factories import CaseFactory, ClientFactory, UserFactory
from tests.imports.sheets import DOB, client_row, csv_file, xlsx_file


def preview(user, rows, *, file=csv_file):
    return services.import_preview(
        user=user, kind="clients", file_name="records.csv", content=file(rows)
    )


def commit(user, rows, *, skip_invalid=False):
    run, _plan = preview(user, rows)
    plan = services.import_commit(run=run, user=user, skip_invalid=skip_invalid)
    run.refresh_from_db()
    return run, plan


def mixed_rows(croydon_name="Croydon"):
    """Two valid rows, then one row for each kind of error, numbered from spreadsheet row 4."""
    return [
        client_row(1),
        client_row(2, **{"Caseworker email": "STAFF-ALICE@example.invalid"}),
        client_row(3, **{"Date of birth": "31/02/2008"}),
        client_row(4, **{"PNC ID": "123456"}),
        client_row(5, **{"Prison number": "12345"}),
        client_row(6, **{"Borough": "Atlantis"}),
        client_row(7, **{"Borough": croydon_name}),
        client_row(8, **{"Caseworker email": "nobody@example.invalid"}),
        client_row(1, **{"First name": "Renamed"}),
        client_row(9, **{"PNC ID": "08/999999X"}),
    ]


def test_it_imports_a_thousand_valid_rows(manager, southwark):
    run, plan = commit(manager, [client_row(n) for n in range(1000)])
    assert (plan.created, plan.errors, run.status) == (1000, [], ImportStatus.COMMITTED)
    assert Client.objects.filter(borough=southwark).count() == 1000
    case = Case.objects.select_related("client").get(client__pnc_id="08/000007X")
    assert case.borough == southwark and case.client.date_of_birth == DOB


def test_it_reads_the_same_rows_from_an_xlsx_file(manager, southwark):
    run, plan = preview(manager, [client_row(1), client_row(2)], file=xlsx_file)
    assert (plan.created, plan.errors) == (2, [])


def test_it_lists_every_invalid_row_with_column_and_reason(manager, alice, croydon):
    alice.email = "staff-alice@example.invalid"
    alice.save()
    ClientFactory(pnc_id="08/999999X", borough=croydon)
    _run, plan = preview(manager, mixed_rows())
    found = {(error.row, error.column) for error in plan.errors}
    assert found == {
        (4, "Date of birth"),
        (5, "PNC ID"),
        (6, "Prison number"),
        (7, "Borough"),
        (8, "Borough"),
        (9, "Caseworker email"),
        (10, "Referral date"),
        (11, ""),
    }
    reasons = {error.row: error.reason for error in plan.errors}
    assert "Croydon is not one you can import into" in reasons[8]
    assert "row 2" in reasons[10]
    assert "borough you cannot import into" in reasons[11]


def test_it_counts_the_preview_and_writes_nothing(manager, southwark):
    existing = ClientFactory(pnc_id="08/000001X", date_of_birth=DOB, borough=southwark)
    CaseFactory(client=existing, referral_date=DOB.replace(year=2024, month=1, day=15))
    rows = [client_row(1, Phone="07700 900001"), client_row(2), client_row(3, Gender="robot")]
    run, plan = preview(manager, rows)
    assert (plan.rows, plan.created, plan.updated, plan.unchanged, plan.invalid) == (3, 1, 1, 0, 1)
    assert (run.created, run.updated, run.invalid, run.status) == (1, 1, 1, "previewed")
    assert Client.objects.count() == 1
    assert bytes(run.content)


def test_it_writes_nothing_when_any_row_is_invalid(manager, southwark):
    run, plan = commit(manager, [client_row(1), client_row(2, Borough="Atlantis")])
    assert run.status == ImportStatus.REFUSED and plan.invalid == 1
    assert not Client.objects.exists() and bytes(run.content) == b""


def test_it_writes_only_the_valid_rows_when_asked_to_skip(manager, southwark):
    run, plan = commit(
        manager, [client_row(1), client_row(2, Borough="Atlantis")], skip_invalid=True
    )
    assert (run.status, run.created, run.invalid, run.skipped) == ("committed", 1, 1, 1)
    assert list(Client.objects.values_list("pnc_id", flat=True)) == ["08/000001X"]


def test_it_creates_nothing_when_the_same_file_is_imported_again(manager, southwark):
    second_case = {"Referral date": "01/06/2024", "Start of support": "10/06/2024"}
    rows = [client_row(1), client_row(2), client_row(2, **second_case)]
    assert commit(manager, rows)[0].created == 3
    run, plan = commit(manager, rows)
    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, 3)
    assert Client.objects.count() == 2 and Case.objects.count() == 3


def test_it_matches_by_name_and_date_of_birth_without_a_pnc_id(manager, southwark):
    ClientFactory(first_name="Test1", last_name="EXAMPLE", date_of_birth=DOB, borough=southwark)
    _run, plan = preview(manager, [client_row(1, **{"PNC ID": ""})])
    assert (plan.created, plan.updated) == (1, 0)  # a new case for the known person
    assert plan.writes.new_clients == []


def test_it_updates_given_cells_and_never_erases_with_a_blank_one(manager, southwark):
    known = ClientFactory(pnc_id="08/000001X", date_of_birth=DOB, postcode="ZZ99 1ZZ")
    known.borough = southwark
    known.save()
    commit(manager, [client_row(1, Phone="07700 900002")])
    known.refresh_from_db()
    assert (known.phone, known.postcode, known.version) == ("07700 900002", "ZZ99 1ZZ", 2)


def test_it_keeps_a_manager_to_their_own_boroughs(manager, croydon, southwark):
    run, plan = commit(manager, [client_row(1, Borough="Croydon")], skip_invalid=True)
    assert plan.invalid == 1 and not Client.objects.exists()


def test_it_lets_an_admin_import_into_any_borough(admin_user, croydon):
    UserFactory(email="kai.worker@example.invalid", boroughs=[croydon])
    row = client_row(1, Borough="croydon", **{"Caseworker email": "Kai.Worker@example.invalid"})
    run, plan = commit(admin_user, [row])
    assert run.status == "committed" and Case.objects.get().caseworker.email.startswith("kai")


def test_it_writes_nothing_if_a_write_fails_half_way(manager, southwark, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Case.objects, "bulk_create", fail)
    run, _plan = preview(manager, [client_row(1)])
    with pytest.raises(RuntimeError):
        services.import_commit(run=run, user=manager, skip_invalid=False)
    run.refresh_from_db()
    assert not Client.objects.exists() and run.status == ImportStatus.PREVIEWED


def test_it_refuses_to_commit_twice(manager, southwark):
    run, _plan = commit(manager, [client_row(1)])
    with pytest.raises(services.ImportNotAllowed):
        services.import_commit(run=run, user=manager, skip_invalid=False)


@pytest.mark.parametrize("size", [10, 60])
def test_it_checks_a_file_in_a_fixed_number_of_queries(manager, southwark, size):
    ClientFactory(pnc_id="08/000001X", date_of_birth=DOB, borough=southwark)
    run, _plan = preview(manager, [client_row(n) for n in range(size)])
    # boroughs in scope, every borough name, allocatable staff, referral sources, closure
    # reasons, every client's identity, the user's borough ids, cases of matched clients
    with CaptureQueriesContext(connection) as queries:
        services.import_plan(run=run, user=manager)
    assert len(queries) == 8


def test_it_batches_writes(manager, southwark, monkeypatch):
    monkeypatch.setattr(clients_kind, "BATCH_SIZE", 7)
    with CaptureQueriesContext(connection) as queries:
        commit(manager, [client_row(n) for n in range(20)])
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "clients_')]
    assert len(inserts) == 6  # 3 batches of people, 3 of cases
