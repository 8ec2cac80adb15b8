"""Measure one bench database in-process: report build times against their raw-SQL lower
bound, and page times and query counts through Django's test client (the whole middleware
stack, no network). Run by bench/run.py with DATABASE_URL pointing at a seeded database:

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.measure --out result.json
"""

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

import django

SQL = Path(__file__).resolve().parent / "sql"


def timed(function, repeat: int) -> list[float]:
    """Milliseconds per call, after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "n": len(ordered)}


def run_sql(name: str, params: dict) -> list[list]:
    from django.db import connection

    lines = (SQL / name).read_text().splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("--"))
    results = []
    with connection.cursor() as cursor:
        for statement in filter(str.strip, text.split(";")):
            cursor.execute(statement, params)
            results.append(cursor.fetchall())
    return results


def reports(repeat: int) -> dict:
    from django.utils import timezone

    from clients.models.offence import PROVEN_OUTCOMES
    from reporting import evaluation
    from reporting.figures import TOTAL
    from reporting.months import Month
    from reporting.reoffending import proven_reoffending
    from reporting.selectors import ACTIVE, NEW_STARTS, ONE_TO_ONE, REFERRALS, monthly_figures
    from sos.models import Borough

    today = timezone.localdate()
    month = Month.of(today).previous()
    everywhere = list(Borough.objects.order_by("pk").values_list("pk", flat=True))
    one = everywhere[:1]
    months = evaluation.series_months(today)

    def monthly_return():
        return monthly_figures(month, everywhere)

    def borough_evaluation():
        proven_reoffending(one, today=today)
        evaluation.monthly_series(one, months)
        evaluation.outcome_rates(one, months[0].first, months[-1].last)

    month_params = {"first": month.first, "last": month.last, "boroughs": everywhere}
    evaluation_params = {
        "boroughs": one,
        "today": today,
        "proven": [str(outcome) for outcome in PROVEN_OUTCOMES],
        "series_first": months[0].first,
        "series_last": months[-1].last,
        "series_last_first": months[-1].first,
    }
    # The same figures, checked on the totals of figures 1, 2, 3 and 5.
    table = monthly_return().column(TOTAL)
    cases, _closures, contact = run_sql("monthly_return.sql", month_params)[:3]
    raw_total = next(row for row in cases if row[0] is None)
    contact_total = next(row for row in contact if row[0] is None)
    orm = [
        table[f"{REFERRALS}|Young people referred"],
        table[f"{NEW_STARTS}|Young people starting support"],
        table[f"{ACTIVE}|Young people supported"],
        table[f"{ONE_TO_ONE}|Sessions attended"],
        table[f"{ONE_TO_ONE}|Hours of attended sessions"],
    ]
    raw = [*raw_total[1:4], contact_total[1], contact_total[2] or 0]
    return {
        "month": str(month),
        "boroughs": len(everywhere),
        "monthly_return_same": orm == raw,
        "monthly_return_totals": orm,
        "monthly_return": summary(timed(monthly_return, repeat)),
        "monthly_return_sql": summary(
            timed(lambda: run_sql("monthly_return.sql", month_params), repeat)
        ),
        "evaluation": summary(timed(borough_evaluation, repeat)),
        "evaluation_sql": summary(
            timed(lambda: run_sql("evaluation.sql", evaluation_params), repeat)
        ),
    }


def bench_people():
    """The caseworker with the most open cases, their borough's manager, and the client of
    that borough with the most sessions: the busiest of each, found the same way at any size."""
    from django.db.models import Count, Q

    from clients.models import Client
    from sos.models import Role, User

    caseworker = (
        User.objects.filter(role=Role.CASEWORKER)
        .annotate(open=Count("cases", filter=Q(cases__closure_date__isnull=True)))
        .order_by("-open", "pk")
        .first()
    )
    borough = caseworker.boroughs.first()
    manager = User.objects.filter(role=Role.MANAGER, boroughs=borough).order_by("pk").first()
    client = (
        Client.objects.filter(borough=borough)
        .annotate(n=Count("cases__sessions"))
        .order_by("-n", "pk")
        .first()
    )
    return caseworker, manager, client


def signed_in(user):
    from django.test import Client as TestClient
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser = TestClient()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.save()
    return browser


def timeline(client) -> str:
    return f"/casework/clients/{client.pk}/timeline/"


def ten_sessions(busiest):
    """A client of the busiest client's borough with 10 sessions (or the fewest above 10): the
    timeline's first page should cost the same for both (issue 23.1)."""
    from django.db.models import Count

    from clients.models import Client

    clients = Client.objects.filter(borough=busiest.borough_id)
    counted = clients.annotate(n=Count("cases__sessions")).filter(n__gte=10)
    return counted.order_by("n", "pk").first()


def plan() -> list[tuple[str, object, str]]:
    """(page name, signed-in test client, URL) for every page measured: bench.profile uses
    the same list, so a profile is of the request the table times."""
    from django.urls import reverse

    from clients.models import Client
    from clients.views.clients import CLIENTS_PER_PAGE

    caseworker, manager, client = bench_people()
    surname = client.last_name[:4]
    as_caseworker, as_manager = signed_in(caseworker), signed_in(manager)
    visible = Client.objects.visible_to(caseworker).count()
    last_page = max(1, -(-visible // CLIENTS_PER_PAGE))
    # Keyset pages (sos.keyset): the last page is the one after the last row of the one before.
    before_last = (
        Client.objects.visible_to(caseworker)
        .order_by("last_name", "first_name", "pk")
        .values_list("last_name", "first_name", "pk")[
            max(0, (last_page - 1) * CLIENTS_PER_PAGE - 1)
        ]
    )
    last_page_query = urlencode({"after": json.dumps([str(value) for value in before_last])})
    return [
        ("Baseline (one query)", as_caseworker, "/bench/baseline/"),
        ("Client list", as_caseworker, "/clients/"),
        ("Client list, last page", as_caseworker, f"/clients/?{last_page_query}"),
        ("Client search", as_caseworker, f"/clients/?q={surname}"),
        ("Client page", as_caseworker, f"/clients/{client.pk}/"),
        ("Caseworker home", as_caseworker, "/"),
        ("Manager view", as_manager, "/casework/team/"),
        # Its three data-quality lists in full, a keyset page at a time ("See all").
        (
            "Manager's list: sessions without interventions",
            as_manager,
            reverse("casework:team_no_interventions"),
        ),
        ("Manager's list: without contact", as_manager, reverse("casework:team_no_contact")),
        ("Manager's list: outcomes to verify", as_manager, reverse("casework:team_unverified")),
        # Every seeded note holds "synthetic": the worst case for newest-50-first.
        ("Notes search", as_caseworker, "/casework/search/?q=synthetic"),
        ("Timeline, client with most sessions", as_caseworker, timeline(client)),
        ("Timeline, client with 10 sessions", as_caseworker, timeline(ten_sessions(client))),
        ("Triage queue", as_manager, "/referrals/queue/"),
    ]


def pages(repeat: int) -> dict:
    """Each page's times, query count and bytes. The timed requests go round the pages in turn
    (`repeat` rounds of one request to every page), so a burst of other work on the machine
    lands on all pages alike rather than on the one page being timed at that moment: the ratios
    to the baseline page compare requests made in the same minutes."""
    from django.db import connection

    measured = []
    for name, browser, url in plan():
        response = browser.get(url, secure=True)  # the warm-up
        assert response.status_code == 200, (url, response.status_code)
        # Counted by a wrapper: Django empties connection.queries when a request starts.
        queries = []

        def count(execute, *args, queries=queries):
            queries.append(args[0])
            return execute(*args)

        with connection.execute_wrapper(count):
            browser.get(url, secure=True)
        measured.append((name, browser, url, len(queries), len(response.content)))
    times = {name: [] for name, *_ in measured}
    for _ in range(repeat):
        for name, browser, url, *_ in measured:
            start = time.perf_counter()
            browser.get(url, secure=True)
            times[name].append((time.perf_counter() - start) * 1000)
    return {
        name: {**summary(times[name]), "queries": queries, "bytes": size, "url": url}
        for name, _browser, url, queries, size in measured
    }


def reminders_run() -> dict:
    """The morning reminders and the weekly summaries as the worker sends them, for every
    recipient: one timed run each (a batch, seconds long, not a page), rolled back so nothing
    is recorded as sent, with mail kept in memory."""
    from django.core import mail
    from django.db import connection, transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from reminders import services
    from sos.access import caseload_holders, team_summary_readers

    today = timezone.localdate()
    result = {}
    runs = [
        ("morning", services.morning_reminders_send, caseload_holders),
        ("weekly", services.weekly_summaries_send, team_summary_readers),
    ]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for name, send, recipients in runs:
            queries = []

            def count(execute, *args, queries=queries):
                queries.append(args[0])
                return execute(*args)

            mail.outbox = []
            with connection.execute_wrapper(count), transaction.atomic():
                start = time.perf_counter()
                sent = send(today=today)
                seconds = time.perf_counter() - start
                transaction.set_rollback(True)
            result[name] = {
                "recipients": recipients().count(),
                "sent": sent,
                "seconds": seconds,
                "queries": len(queries),
            }
    return result


def sessions_workbook(rows: int) -> dict | None:
    """The sessions workbook (a background XLSX export) of the latest `rows` sessions or more,
    written as the worker writes it (bench.sessions_workbook); None when the data is smaller."""
    from bench.sessions_workbook import bench_sessions_workbook, latest_sessions_request

    request = latest_sessions_request(rows)
    if request is None:
        return None
    result = bench_sessions_workbook(request)
    return {
        "rows": result.rows,
        "seconds": result.seconds,
        "cpu_seconds": result.cpu_seconds,
        "megabytes": result.file_bytes / 1e6,
        "memory_growth_mb": result.peak_rss_mb - result.rss_before_mb,
        "queries": result.queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--report-repeat", type=int, default=5)
    parser.add_argument("--workbook-rows", type=int, default=100_000)
    options = parser.parse_args()
    # The bench serves static files from the app folders, not a collectstatic folder.
    warnings.filterwarnings("ignore", "No directory at")
    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM clients_client), (SELECT count(*) FROM casework_session)"
        )
        clients, sessions = cursor.fetchone()
    result = {
        "clients": clients,
        "sessions": sessions,
        "reports": reports(options.report_repeat),
        "pages": pages(options.repeat),
        "reminders": reminders_run(),
        "workbook": sessions_workbook(options.workbook_rows),
    }
    Path(options.out).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
