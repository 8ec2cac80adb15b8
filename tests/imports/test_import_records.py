from datetime import date

import pytest
from django.core.management import CommandError, call_command

from clients.models import Client
from imports.models import ImportRun
from tests.factories import CaseFactory, ClientFactory
from tests.imports.sheets import SESSION_HEADERS, client_row, csv_file, session_row


@pytest.fixture
def records_file(tmp_path):
    def write(rows):
        path = tmp_path / "records.csv"
        path.write_bytes(csv_file(rows))
        return str(path)

    return write


def test_it_previews_without_writing(manager, southwark, records_file, capsys):
    call_command(
        "import_records", records_file([client_row(1)]), kind="clients", email=manager.email
    )
    assert "1 create" in capsys.readouterr().out
    assert not Client.objects.exists()
    assert ImportRun.objects.get().status == "cancelled"


def test_it_commits_as_the_named_manager(manager, southwark, records_file):
    path = records_file([client_row(1), client_row(2)])
    call_command("import_records", path, kind="clients", email=manager.email, commit=True)
    assert Client.objects.count() == 2
    run = ImportRun.objects.get()
    assert (run.status, run.imported_by, run.via_command, run.created) == (
        "committed",
        manager,
        True,
        2,
    )


def test_it_writes_nothing_from_a_file_with_invalid_rows(manager, southwark, records_file):
    path = records_file([client_row(1), client_row(2, Borough="Croydon")])
    with pytest.raises(CommandError):
        call_command("import_records", path, kind="clients", email=manager.email, commit=True)
    assert not Client.objects.exists()
    call_command(
        "import_records",
        path,
        kind="clients",
        email=manager.email,
        commit=True,
        skip_invalid=True,
    )
    assert Client.objects.count() == 1


def test_it_refuses_a_caseworker(alice, records_file):
    with pytest.raises(CommandError):
        call_command(
            "import_records", records_file([client_row(1)]), kind="clients", email=alice.email
        )


def test_it_imports_sessions_and_sets_the_index_date(manager, southwark, alice, tmp_path):
    alice.email = "staff-alice@example.invalid"
    alice.save()
    client = ClientFactory(pnc_id="08/000001X", borough=southwark)
    case = CaseFactory(client=client, referral_date=date(2024, 1, 15), index_date=None)
    path = tmp_path / "sessions.csv"
    path.write_bytes(csv_file([session_row(1), session_row(2)], SESSION_HEADERS))
    call_command("import_records", str(path), kind="sessions", email=manager.email, commit=True)
    case.refresh_from_db()
    assert case.sessions.count() == 2 and case.index_date == date(2024, 2, 1)
