from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from exports import services
from exports.forms import SessionsWorkbookForm
from exports.models import ExportDownload, ExportJob, ExportKind, ExportStatus
from exports.sessions_workbook import WorkbookRequest
from sos.access import admin_required, oversight_required
from sos.models import Borough
from sos.queue import worker_running
from sos.two_factor import recent_second_factor

# How often the page reloads itself while an export is being written (a meta refresh: the
# Content Security Policy allows no inline script).
REFRESH_SECONDS = 5
JOBS_SHOWN = 20


@admin_required
def export_list(request):
    jobs = list(
        ExportJob.objects.filter(kind=ExportKind.FULL).select_related("requested_by")[:JOBS_SHOWN]
    )
    downloads = ExportDownload.objects.select_related("downloaded_by", "job")[:JOBS_SHOWN]
    context = {
        "jobs": jobs,
        "downloads": downloads,
        "refresh": REFRESH_SECONDS if any(job.is_unfinished for job in jobs) else None,
        "worker_running": worker_running(),
    }
    return render(request, "exports/export_list.html", context)


@admin_required
@require_POST
def export_request(request):
    _job, created = services.export_request(user=request.user)
    if created:
        messages.success(request, "The export is queued; this page shows its progress.")
    else:
        messages.info(request, "An export is already being written; it is below.")
    return redirect("exports:list")


@admin_required
@recent_second_factor
def export_download(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, kind=ExportKind.FULL, status=ExportStatus.DONE)
    return _send(request, job, f"sos-casework-export-{job.finished_at:%Y-%m-%d}.zip")


# Managers and admins only (caseworkers have no reports, evaluators no personal data), refused
# (403) before any job is read, the same for every id.
@oversight_required
def sessions_workbook(request):
    """Ask for a sessions workbook; the person's own workbooks, with their progress."""
    jobs = list(
        ExportJob.objects.filter(kind=ExportKind.SESSIONS, requested_by=request.user)[:JOBS_SHOWN]
    )
    # The last request's choices, so asking again for a similar one is quick.
    initial = jobs[0].parameters if jobs else {}
    form = SessionsWorkbookForm(request.POST or None, initial=initial, user=request.user)
    if form.is_valid():
        _job, created = services.sessions_workbook_request(
            user=request.user, request=form.workbook_request()
        )
        if created:
            messages.success(request, "The workbook is queued; this page shows its progress.")
        else:
            messages.info(request, "That workbook is already being written; it is below.")
        return redirect("exports:sessions_workbook")
    asked = [WorkbookRequest.from_parameters(job.parameters) for job in jobs]
    names = Borough.objects.in_bulk([a.borough_id for a in asked if a.borough_id])
    context = {
        "form": form,
        "jobs": [
            (job, a, names[a.borough_id].name if a.borough_id in names else "All my boroughs")
            for job, a in zip(jobs, asked, strict=True)
        ],
        "refresh": REFRESH_SECONDS if any(job.is_unfinished for job in jobs) else None,
        "worker_running": worker_running(),
    }
    return render(
        request, "exports/sessions_workbook.html", context, status=400 if form.errors else 200
    )


@oversight_required
@recent_second_factor
def sessions_workbook_download(request, pk):
    # Only the person it was prepared for (its cover names them): anyone else's is a 404.
    job = get_object_or_404(
        ExportJob,
        pk=pk,
        kind=ExportKind.SESSIONS,
        status=ExportStatus.DONE,
        requested_by=request.user,
    )
    asked = WorkbookRequest.from_parameters(job.parameters)
    return _send(
        request,
        job,
        f"sos-casework-sessions-{asked.date_from:%Y-%m-%d}-to-{asked.date_to:%Y-%m-%d}.xlsx",
    )


def _send(request, job: ExportJob, file_name: str):
    """The job's file as a download, after recording who downloaded it."""
    if not job.path or not job.path.exists():
        raise Http404
    path = services.export_download(job=job, user=request.user)
    return FileResponse(path.open("rb"), as_attachment=True, filename=file_name)
