"""How fast and how lean the sessions workbook is on a large database (issue 10: a 100,000-row
XLSX export in under 10 s). Run by `manage.py bench_sessions_workbook` and `make bench`; prints
figures, asserts nothing.

The workbook is counted and written exactly as the worker does it (same queries, same
writer; only the job's progress updates are left out) for an admin who is never saved, so the
bench database gets no new rows, into a temporary directory deleted afterwards.
"""

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.models import Session
from exports import sessions_workbook as workbook
from exports.workbook_writer import About, Sheet, write_workbook
from sos.models import Role, User
from sos.watermark import Watermark


@dataclass(frozen=True)
class BenchResult:
    rows: int
    seconds: float
    cpu_seconds: float
    file_bytes: int
    rss_before_mb: float
    peak_rss_mb: float
    queries: int


def latest_sessions_request(rows: int) -> workbook.WorkbookRequest | None:
    """A request for every borough over the most recent days holding at least `rows` sessions
    (None when the database has fewer)."""
    dates = Session.objects.order_by("-date").values_list("date", flat=True)
    first = dates[rows - 1 : rows].first()
    if first is None:
        return None
    return workbook.WorkbookRequest(first, dates.first(), None, group_sessions=False)


def bench_sessions_workbook(request: workbook.WorkbookRequest) -> BenchResult:
    """Write the workbook for `request` as an admin would get it, and measure it."""
    admin = User(
        first_name="Bench",
        last_name="Admin",
        email="bench-admin@bench.invalid",
        role=Role.ADMIN,
        is_active=True,
    )
    sessions = workbook.workbook_sessions(request, admin)
    about = About(
        watermark=Watermark.for_user(admin, at=timezone.now(), reference="bench, not saved"),
        date_from=request.date_from,
        date_to=request.date_to,
        boroughs=["All boroughs"],
        group_sessions=False,
    )
    sheets = [Sheet("Sessions", "Bench", workbook.SESSION_COLUMNS, workbook.session_rows(sessions))]
    rss_before = _peak_rss_mb()
    with tempfile.TemporaryDirectory() as directory, CaptureQueriesContext(connection) as queries:
        path = Path(directory) / "sessions.xlsx"
        started, cpu_started = time.perf_counter(), time.process_time()
        sessions.count()  # rows_total, as the runner counts it first
        rows = write_workbook(path, about, sheets, report=lambda written: None)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        size = path.stat().st_size
    return BenchResult(
        rows=rows,
        seconds=seconds,
        cpu_seconds=cpu,
        file_bytes=size,
        rss_before_mb=rss_before,
        peak_rss_mb=_peak_rss_mb(),
        queries=len(queries),
    )


def _peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
