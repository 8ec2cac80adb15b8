"""The read replica (sos.db_router): report reads go to it, everything else to the primary.

The `replica` alias is a second connection to the test database itself (a TEST MIRROR, see
tests/conftest.py), so the figures are the same and only which connection ran each query
differs. `transaction=True`: a mirror is a separate connection, which sees only committed rows,
and the router keeps reads inside a transaction on the primary by design."""

import os
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exports import services as export_services
from reporting import services as return_services
from reporting.models import MonthlyReturn
from sos.db_router import report_reads
from tests.reporting.conftest import MARCH, march  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
    pytest.mark.usefixtures("march"),
]

ROOT = Path(__file__).resolve().parents[2]
# What only the primary may answer: sessions, second factors, the audit log, frozen returns.
PRIMARY_ONLY = ["django_session", "otp_", "audit_accessrecord", "monthlyreturn"]


@pytest.fixture(autouse=True)
def _replica_router(settings):
    settings.DATABASE_ROUTERS = ["sos.db_router.ReportReplicaRouter"]


@contextmanager
def queries_by_connection():
    """The SQL each of the primary and the replica ran inside the block."""
    with ExitStack() as stack:
        primary = stack.enter_context(CaptureQueriesContext(connections["default"]))
        replica = stack.enter_context(CaptureQueriesContext(connections["replica"]))
        yield primary, replica


def statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def is_read(statement: str) -> bool:
    """A SELECT, or the server-side cursor that reads a long table in chunks."""
    return statement.startswith("SELECT") or (
        statement.startswith("DECLARE ") and " CURSOR WITH HOLD FOR SELECT " in statement
    )


def assert_report_reads_only(replica) -> None:
    """The replica ran something, and only reads of the records a report is built from."""
    sql = statements(replica)
    assert sql
    assert all(is_read(statement) for statement in sql)
    assert not [s for s in sql if any(table in s for table in PRIMARY_ONLY)]


@pytest.mark.parametrize(
    "url",
    [
        reverse("reporting:return") + f"?month={MARCH}",
        reverse("reporting:return_team") + f"?month={MARCH}",
        reverse("reporting:return_records") + f"?month={MARCH}&figure=sessions&detail=attended",
        reverse("reporting:evaluation"),
    ],
)
def test_it_reads_the_managers_reports_from_the_replica(client, login, manager, url):
    login(manager)
    with queries_by_connection() as (primary, replica):
        assert client.get(url).status_code == 200
    assert_report_reads_only(replica)
    # The session was read and renewed, and the user and second factor checked, on the primary.
    assert any("django_session" in statement for statement in statements(primary))


def test_it_builds_the_monthly_return_figures_wholly_on_the_replica(client, login, manager):
    login(manager)
    with queries_by_connection() as (primary, replica):
        client.get(reverse("reporting:return"), {"month": str(MARCH)})
    # The 21 queries of the figures (tests/reporting/test_return_views.py: 15 grouped ones,
    # figure 1's breakdown by partner kind and referral source (3) and figure 11's three) and
    # the summary's 5 (one per headline figure), nothing else; the signed-off versions and
    # the targets shown beside them come from the primary.
    assert len(replica.captured_queries) == 26
    assert any("monthlyreturn" in statement for statement in statements(primary))


def test_it_counts_the_justice_data_lab_cohort_on_the_replica(client, login, admin_user):
    login(admin_user)
    with queries_by_connection() as (_primary, replica):
        response = client.get(
            reverse("reporting:justice_data_lab"),
            {"index_from": "2024-01-01", "index_to": "2025-12-31"},
        )
    assert response.context["counts"] is not None
    assert_report_reads_only(replica)


def test_it_reads_the_full_exports_tables_from_the_replica(admin_user, settings, tmp_path):
    settings.PRIVATE_FILES_DIR = tmp_path
    job, _created = export_services.export_request(user=admin_user)
    with queries_by_connection() as (primary, replica):
        export_services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.rows_written > 0
    # Every table, frozen returns included (a copy of everything may lag like a report).
    assert all(is_read(statement) for statement in statements(replica))
    assert any("casework_session" in statement for statement in statements(replica))
    # The job's progress and result are written to the primary.
    assert any(s.startswith("UPDATE") and "exports_exportjob" in s for s in statements(primary))


def test_it_freezes_a_signed_off_return_from_the_primary(client, login, manager, southwark):
    login(manager)
    with queries_by_connection() as (_primary, replica):
        client.post(
            reverse("reporting:return_sign_off"), {"month": str(MARCH), "borough": southwark.pk}
        )
        # Even called from inside a report: sign-off reads in its own transaction (and here
        # refuses, the figures being those just frozen).
        with report_reads(), pytest.raises(return_services.SignOffRefused):
            return_services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    assert replica.captured_queries == []
    assert MonthlyReturn.objects.get().figures


def test_it_keeps_reads_in_a_transaction_on_the_primary(manager):
    with queries_by_connection() as (_primary, replica), report_reads():
        with transaction.atomic():
            assert MonthlyReturn.objects.count() == 0
        assert MonthlyReturn.objects.count() == 0
    assert len(replica.captured_queries) == 1


def test_it_reads_and_writes_everything_else_on_the_primary(client, login, alice, southwark_client):
    login(alice)
    with queries_by_connection() as (primary, replica):
        client.get(reverse("home"))
        client.get(reverse("clients:list"))
        client.get(reverse("clients:detail", args=[southwark_client.pk]))
    assert replica.captured_queries == []
    assert primary.captured_queries


def settings_as_seen_by(env: dict) -> list[str]:
    code = (
        "from django.conf import settings as s;"
        "print(sorted(s.DATABASES), s.DATABASE_ROUTERS,"
        " s.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'))"
    )
    result = subprocess.run(  # noqa: S603 (fixed command, no user input)
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_it_has_one_database_and_no_router_without_a_replica_url():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    assert settings_as_seen_by(env) == "['default'] [] None"


def test_it_adds_the_replica_and_its_router_with_a_replica_url():
    env = {**os.environ, "DATABASE_REPLICA_URL": os.environ["DATABASE_URL"]}
    assert settings_as_seen_by(env) == (
        "['default', 'replica'] ['sos.db_router.ReportReplicaRouter'] default"
    )
