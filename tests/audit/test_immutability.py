"""Audit immutability: no UPDATE or DELETE of an audit row gets through, raw SQL included."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from audit.models import AccessRecord


def audit_tables() -> list[str]:
    """The access log and every pghistory event table."""
    events = [m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None)]
    return [AccessRecord._meta.db_table] + [m._meta.db_table for m in events]


def test_it_guards_the_event_tables_of_clients_casework_and_staff():
    tables = audit_tables()
    for table in [
        "clients_clientevent",
        "clients_offenceevent",
        "sos_userevent",
        "sos_staffboroughevent",
    ]:
        assert table in tables


@pytest.mark.parametrize("statement", ["UPDATE {} SET pgh_id = pgh_id", "DELETE FROM {}"])
def test_it_refuses_every_update_and_delete_of_event_rows(southwark_client, statement):
    refused = []
    for table in audit_tables()[1:]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (table names are ours)
            if cursor.fetchone()[0] == 0:
                continue
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement.format(table))
        except DatabaseError as error:
            refused.append("Cannot" in str(error))
        else:
            refused.append(False)
    assert refused and all(refused)


@pytest.mark.parametrize("statement", ["UPDATE {} SET route = 'x'", "DELETE FROM {}"])
def test_it_refuses_every_update_and_delete_of_access_records(alice, statement):
    AccessRecord.objects.create(user=alice, route="clients:detail")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(AccessRecord._meta.db_table))
    assert AccessRecord.objects.get().route == "clients:detail"


def test_it_lifts_the_guard_only_in_anonymisation():
    """pgtrigger.ignore of the append_only triggers is the one way past the guard; only
    gdpr/anonymise.py names them (seed_demo ignores only the insert triggers)."""
    root = Path(__file__).resolve().parents[2]
    users = [
        str(path.relative_to(root))
        for app in ["sos", "clients", "casework", "imports", "audit", "gdpr"]
        for path in (root / app).rglob("*.py")
        if ":append_only" in path.read_text()
    ]
    assert users == ["gdpr/anonymise.py"]
