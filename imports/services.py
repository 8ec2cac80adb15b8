"""Importing records from a spreadsheet: preview (nothing written), then commit in one
transaction. Each import is one ImportRun row, the audit of who imported what and when."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from imports.kinds import KINDS
from imports.kinds.base import Plan, Progress, no_progress
from imports.models import ImportRun, ImportStatus
from imports.spreadsheets import FileError, read_table
from sos.models import User

# A preview left this long is abandoned: its stored file is erased.
PREVIEW_LIFETIME = timedelta(hours=24)


class ImportNotAllowed(Exception):
    """The import has already been committed or cancelled, or was refused."""


def import_plan(*, run: ImportRun, user: User, progress: Progress = no_progress) -> Plan:
    """What the stored file would do if committed now, checked as `user`."""
    try:
        table = read_table(run.file_name, bytes(run.content))
    except FileError as error:
        return Plan(file_errors=[str(error)])
    return KINDS[run.kind].plan(table, user=user, progress=progress)


@transaction.atomic
def import_upload(
    *, user: User, kind: str, file_name: str, content: bytes, via_command: bool = False
) -> ImportRun:
    """Keep the file for a preview or commit. Earlier previews of the same user, and anyone's
    abandoned ones, are cancelled and their files erased."""
    stale = ImportRun.objects.filter(status=ImportStatus.PREVIEWED).filter(
        imported_by=user
    ) | ImportRun.objects.filter(
        status=ImportStatus.PREVIEWED, created_at__lt=timezone.now() - PREVIEW_LIFETIME
    )
    stale.update(status=ImportStatus.CANCELLED, content=b"", finished_at=timezone.now())
    return ImportRun.objects.create(
        kind=kind,
        file_name=file_name[:255],
        content=content,
        imported_by=user,
        via_command=via_command,
    )


@transaction.atomic
def import_preview(
    *, user: User, kind: str, file_name: str, content: bytes
) -> tuple[ImportRun, Plan]:
    """Store the file and count what it would do; nothing else is written."""
    run = import_upload(user=user, kind=kind, file_name=file_name, content=content)
    plan = import_plan(run=run, user=user)
    _count(run, plan)
    run.save()
    return run, plan


def _count(run: ImportRun, plan: Plan) -> None:
    run.rows, run.invalid = plan.rows, plan.invalid
    run.created, run.updated, run.unchanged = plan.created, plan.updated, plan.unchanged


@transaction.atomic
def import_commit(
    *, run: ImportRun, user: User, skip_invalid: bool, progress: Progress = no_progress
) -> Plan:
    """Write the stored file, all or nothing. The file is checked again as it is written (the
    database may have changed since the preview); with any invalid row nothing is written
    unless `skip_invalid`, and then only the valid rows are."""
    # The row lock makes a double-submitted commit wait, then find the import already done.
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportStatus.PREVIEWED or run.imported_by_id != user.pk:
        raise ImportNotAllowed
    plan = import_plan(run=run, user=user, progress=progress)
    _count(run, plan)
    run.skip_invalid = skip_invalid
    if not plan.readable or (plan.errors and not skip_invalid):
        run.status = ImportStatus.REFUSED
    else:
        KINDS[run.kind].write(plan, progress=progress)
        run.status = ImportStatus.COMMITTED
    _finish(run)
    return plan


def import_cancel(*, run: ImportRun) -> None:
    """Give up a preview: nothing is written, and the stored file is erased."""
    if run.status == ImportStatus.PREVIEWED:
        run.status = ImportStatus.CANCELLED
        _finish(run)


def _finish(run: ImportRun) -> None:
    run.content = b""
    run.finished_at = timezone.now()
    run.save()
