"""Retention: clients whose every case closed more than N years ago are anonymised in the live
and the audit tables; an SQL scan of every table finds none of their canaries afterwards."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from clients.models import Case, Client, ClosureReason
from gdpr.models import Anonymisation
from tests.factories import CaseFactory
from tests.security.conftest import CANARIES

LONG_AGO = date(2015, 3, 1)


def canary_rows(canary: str) -> dict[str, int]:
    """Rows of every table in the database whose text contains `canary`."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        for (table,) in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s',  # noqa: S608
                [f"%{canary}%"],
            )
            if count := cursor.fetchone()[0]:
                found[table] = count
    return found


def close_long_ago(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(
        referral_date=date(2014, 1, 1),
        index_date=None,
        closure_date=LONG_AGO,
        closure_reason=ClosureReason.objects.first(),
        closure_notes=f"{case.client.first_name} closure",
    )


def test_it_anonymises_live_and_audit_rows_of_expired_clients(records_by_borough):
    expired = records_by_borough["Southwark"]["case"]
    close_long_ago(expired)
    assert canary_rows(CANARIES["Southwark"])  # the canaries are there to find
    call_command("retention")
    assert canary_rows(CANARIES["Southwark"]) == {}
    assert canary_rows(CANARIES["Croydon"])  # an open case: kept
    client = Client.objects.get(pk=expired.client_id)
    assert (client.first_name, client.date_of_birth.month, client.date_of_birth.day) == (
        "Anonymised",
        1,
        1,
    )
    assert Anonymisation.objects.get().client == client


def test_it_keeps_clients_with_a_recent_or_open_case(records_by_borough):
    client = records_by_borough["Southwark"]["client"]
    close_long_ago(client.cases.get())
    CaseFactory(client=client)  # support reopened: a new, open case
    call_command("retention")
    assert not Anonymisation.objects.exists()


def test_it_changes_nothing_on_a_dry_run(records_by_borough, capsys):
    close_long_ago(records_by_borough["Southwark"]["case"])
    call_command("retention", "--dry-run")
    assert "1 clients" in capsys.readouterr().out
    assert canary_rows(CANARIES["Southwark"])
    assert not Anonymisation.objects.exists()


@pytest.mark.parametrize(("years", "anonymised"), [(6, 1), (20, 0)])
def test_it_takes_the_period_in_years(records_by_borough, years, anonymised):
    close_long_ago(records_by_borough["Southwark"]["case"])
    call_command("retention", "--years", str(years))
    assert Anonymisation.objects.count() == anonymised
