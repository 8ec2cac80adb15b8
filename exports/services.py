"""Background exports (full exports and sessions workbooks), run by `manage.py run_exports`.

Why a separate runner rather than a thread started by the request: a thread lives in one
gunicorn worker, which gunicorn kills and replaces on a timeout, after max_requests or on a
deploy, taking a half-written export with it and leaving the job "running" for ever; it also
competes with the pages that worker serves. The runner is its own process (a systemd service or
a container running `run_exports --loop`, or cron running `run_exports` every minute); the job's
state is in the database, so a runner that dies is noticed by the next one through the stopped
heartbeat and the job starts again.
"""

import logging
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from exports import sessions_workbook as workbook
from exports.models import ExportDownload, ExportJob, ExportKind, ExportStatus
from exports.tables import tables
from exports.workbook_writer import About, Sheet, write_workbook
from exports.writer import Report, write_zip
from sos.access import may_oversee
from sos.db_router import report_reads
from sos.models import User
from sos.watermark import Watermark

logger = logging.getLogger(__name__)

# A running job whose heartbeat is older than this lost its runner.
STALE_AFTER = timedelta(minutes=10)


def export_request(*, user: User) -> tuple[ExportJob, bool]:
    """Queue a full export for `user`; an export already waiting or running is returned instead
    of queueing a second. Returns (job, created)."""
    with transaction.atomic():
        # Two admins asking at once still queue one export: the second waits here.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('exports.export_request'))")
        existing = ExportJob.objects.unfinished().filter(kind=ExportKind.FULL).first()
        if existing:
            return existing, False
        return ExportJob.objects.create(requested_by=user), True


def sessions_workbook_request(
    *, user: User, request: workbook.WorkbookRequest
) -> tuple[ExportJob, bool]:
    """Queue a sessions workbook for `user` (a manager or admin); the same request already
    waiting or running (a double click) is returned instead. Returns (job, created)."""
    if not may_oversee(user):
        raise PermissionDenied
    parameters = request.as_parameters()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext('exports.sessions_workbook_request'), %s)",
                [user.pk],
            )
        existing = (
            ExportJob.objects.unfinished()
            .filter(requested_by=user, kind=ExportKind.SESSIONS, parameters=parameters)
            .first()
        )
        if existing:
            return existing, False
        job = ExportJob.objects.create(
            requested_by=user, kind=ExportKind.SESSIONS, parameters=parameters
        )
        return job, True


def export_claim() -> ExportJob | None:
    """Take the oldest waiting export (or one whose runner died) and mark it running; two
    runners never take the same one (SKIP LOCKED)."""
    now = timezone.now()
    with transaction.atomic():
        waiting = Q(status=ExportStatus.QUEUED) | Q(
            status=ExportStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER
        )
        job = (
            ExportJob.objects.select_for_update(skip_locked=True)
            .filter(waiting)
            .order_by("created_at", "pk")
            .first()
        )
        if job is None:
            return None
        job.status, job.started_at, job.heartbeat_at = ExportStatus.RUNNING, now, now
        job.progress = job.rows_written = 0
        job.save()
    return job


# Writes the job's file at a path and returns the rows written, reporting progress.
Write = Callable[[Path, Report], int]


def _full_export(job: ExportJob) -> tuple[int, Write]:
    """The rows a full export will write, and how to write it."""
    everything = tables()
    # Marked for the admin who asked for it; each download is audited by ExportDownload under
    # the same job, which the reference names.
    watermark = Watermark.for_user(
        job.requested_by, at=timezone.now(), reference=f"full export {job.pk}"
    )

    def write(path: Path, report: Report) -> int:
        return write_zip(path, everything, report=report, watermark=watermark)

    return sum(table.count() for table in everything), write


def _sessions_workbook(job: ExportJob) -> tuple[int, Write]:
    """The rows a sessions workbook will write, and how to write it. Scoped to what the
    requester may see now, not when they asked: rights lost since are honoured."""
    user = job.requested_by
    if not may_oversee(user):
        raise PermissionDenied
    request = workbook.WorkbookRequest.from_parameters(job.parameters)
    sessions = workbook.workbook_sessions(request, user)
    group_sessions = workbook.workbook_group_sessions(request, user)
    about = About(
        watermark=Watermark.for_user(
            user, at=timezone.now(), reference=f"sessions workbook {job.pk}"
        ),
        date_from=request.date_from,
        date_to=request.date_to,
        boroughs=list(workbook.workbook_boroughs(request, user).values_list("name", flat=True)),
        group_sessions=request.group_sessions,
    )

    def write(path: Path, report: Report) -> int:
        sheets = [
            Sheet(
                "Sessions",
                "One row per one-to-one session, oldest first.",
                workbook.SESSION_COLUMNS,
                workbook.session_rows(sessions),
            )
        ]
        if request.group_sessions:
            sheets.append(
                Sheet(
                    "Group sessions",
                    "One row per group session (SOS+ group work), oldest first.",
                    workbook.GROUP_SESSION_COLUMNS,
                    workbook.group_session_rows(group_sessions),
                )
            )
        return write_workbook(path, about, sheets, report=report)

    total = sessions.count() + (group_sessions.count() if request.group_sessions else 0)
    return total, write


KINDS = {
    ExportKind.FULL: ("export", "zip", _full_export),
    ExportKind.SESSIONS: ("sessions", "xlsx", _sessions_workbook),
}


def export_run(*, job: ExportJob) -> None:
    """Write the job's file, reporting progress as it goes; marks it done or failed."""
    directory = Path(settings.PRIVATE_FILES_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    prefix, suffix, plan = KINDS[job.kind]
    name = f"{prefix}-{job.pk}-{timezone.now():%Y%m%d%H%M%S}.{suffix}"
    partial = directory / (name + ".part")
    total = 0

    def report(written: int) -> None:
        progress = min(99, written * 100 // total) if total else 99
        ExportJob.objects.filter(pk=job.pk).update(
            rows_written=written, progress=progress, heartbeat_at=timezone.now()
        )

    try:
        # The records are read from the replica when there is one (sos.db_router); the job's
        # progress is written to the primary as it goes.
        with report_reads():
            total, write = plan(job)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=total)
            # Owner-only from the first byte: the file is personal data.
            partial.touch(mode=0o600)
            # Not one transaction: progress must be committed as it goes for the page to show
            # it. A record saved during the export may therefore be in a later file only.
            written = write(partial, report)
        os.replace(partial, directory / name)
    except Exception as error:
        partial.unlink(missing_ok=True)
        # The type only: messages can quote row values.
        logger.error("Export %s failed: %s", job.pk, type(error).__name__)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        progress=100,
        rows_written=written,
        file_name=name,
        file_size=(directory / name).stat().st_size,
        finished_at=timezone.now(),
    )


def export_download(*, job: ExportJob, user: User) -> Path:
    """The file to send, after recording who downloaded it (the audit of reads)."""
    ExportDownload.objects.create(job=job, downloaded_by=user)
    return job.path


def export_purge() -> int:
    """Delete the files of exports written longer ago than EXPORT_LIFETIME_DAYS; the audit
    rows stay. Returns how many were deleted."""
    cutoff = timezone.now() - timedelta(days=settings.EXPORT_LIFETIME_DAYS)
    expired = ExportJob.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff)
    for job in expired:
        job.path.unlink(missing_ok=True)
    return expired.update(status=ExportStatus.EXPIRED, file_name="")
