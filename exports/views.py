from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from exports import services
from exports.models import ExportDownload, ExportJob, ExportStatus
from sos.access import admin_required
from sos.two_factor import recent_second_factor

# How often the page reloads itself while an export is being written (a meta refresh: the
# Content Security Policy allows no inline script).
REFRESH_SECONDS = 5


@admin_required
def export_list(request):
    jobs = list(ExportJob.objects.select_related("requested_by")[:20])
    downloads = ExportDownload.objects.select_related("downloaded_by")[:20]
    context = {
        "jobs": jobs,
        "downloads": downloads,
        "refresh": REFRESH_SECONDS if any(job.is_unfinished for job in jobs) else None,
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
    job = get_object_or_404(ExportJob, pk=pk, status=ExportStatus.DONE)
    if not job.path or not job.path.exists():
        raise Http404
    path = services.export_download(job=job, user=request.user)
    file_name = f"sos-casework-export-{job.finished_at:%Y-%m-%d}.zip"
    return FileResponse(path.open("rb"), as_attachment=True, filename=file_name)
