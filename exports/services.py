"""Background exports (full exports and sessions workbooks), written by the task queue's worker
(exports.tasks, README "Background work").

Why a worker rather than a thread started by the request: a thread lives in one gunicorn worker,
which gunicorn kills and replaces on a timeout, after max_requests or on a deploy, taking a
half-written export with it; it also competes with the pages that worker serves. The request
queues an ExportJob (what the pages show and the audit keeps) and, in the same transaction, a
queue job that writes it. A worker killed mid-export leaves its queue job "doing" under a silent
heartbeat; sos.tasks.retry_stalled_jobs queues it again and export_run starts the file afresh.
The file is written under a temporary name and renamed into place, and the job is marked done
only after that, so a half-written file is never offered.
"""

import logging
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from exports import sessions_workbook as workbook
from exports import tasks
from exports.models import ExportDownload, ExportJob, ExportKind, ExportStatus
from exports.tables import tables
from exports.workbook_writer import About, Sheet, write_workbook
from exports.writer import Report, write_zip
from sos.access import may_oversee
from sos.db_router import report_reads
from sos.models import User
from sos.watermark import Watermark

logger = logging.getLogger(__name__)


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
        job = ExportJob.objects.create(requested_by=user)
        # In this transaction (the queue is in the same database): both or neither.
        tasks.export_write.defer(export_id=job.pk)
        return job, True


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
        tasks.export_write.defer(export_id=job.pk)
        return job, True


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


def export_start(*, job_id: int) -> ExportJob | None:
    """Mark the export running, from the start; None when there is nothing to do (it is done,
    failed or expired already: the queue job is a repeat)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().select_related("requested_by").get(pk=job_id)
        if not job.is_unfinished:
            return None
        job.status, job.started_at = ExportStatus.RUNNING, timezone.now()
        job.progress = job.rows_written = job.rows_total = 0
        job.save()
    return job


def export_run(*, job_id: int) -> None:
    """Write the export's file, reporting progress as it goes; marks it done or failed. Safe to
    run again: a done export is left alone, and one whose worker was killed starts afresh."""
    job = export_start(job_id=job_id)
    if job is None:
        return
    directory = Path(settings.PRIVATE_FILES_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    prefix, suffix, plan = KINDS[job.kind]
    # What a killed worker left, half-written or renamed just before it could mark the job done:
    # never offered (only a done job names its file), deleted here.
    for left in directory.glob(f"{prefix}-{job.pk}-*"):
        left.unlink(missing_ok=True)
    name = f"{prefix}-{job.pk}-{timezone.now():%Y%m%d%H%M%S}.{suffix}"
    partial = directory / (name + ".part")
    total = 0

    def report(written: int) -> None:
        progress = min(99, written * 100 // total) if total else 99
        ExportJob.objects.filter(pk=job.pk).update(rows_written=written, progress=progress)

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
        # Atomic on one file system: the finished name never holds a partial file.
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
