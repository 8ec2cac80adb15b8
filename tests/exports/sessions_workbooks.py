"""Asking for, writing and reading back sessions workbooks in tests."""

from datetime import date

from openpyxl import load_workbook

from exports import services
from exports.models import ExportJob
from exports.sessions_workbook import WorkbookRequest

FROM, TO = date(2025, 1, 1), date(2025, 3, 31)


def asked(*, borough=None, group_sessions=False, date_from=FROM, date_to=TO) -> WorkbookRequest:
    return WorkbookRequest(date_from, date_to, borough.pk if borough else None, group_sessions)


def written(user, **options) -> ExportJob:
    """The workbook `user` asks for, written by the runner."""
    job, _created = services.sessions_workbook_request(user=user, request=asked(**options))
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def sheet_rows(job: ExportJob, title: str = "Sessions") -> list[dict]:
    """The rows of one sheet of the job's workbook, as {header: value}."""
    header, *rows = load_workbook(job.path)[title].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]
