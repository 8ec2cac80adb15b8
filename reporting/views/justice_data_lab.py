"""The Justice Data Lab export page: choose a cohort, see who is left out and why, download.
Admins only; every download is audited (reporting.models.JusticeDataLabExport)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from reporting.justice_data_lab import selectors, services, writers
from reporting.justice_data_lab.forms import Cohort, CohortForm
from reporting.models import JusticeDataLabExport
from sos.access import admin_required
from sos.db_router import report_reads
from sos.two_factor import recent_second_factor
from sos.watermark import Watermark

PAST_EXPORTS_SHOWN = 50
CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WRITERS = {"csv": writers.export_csv, "xlsx": writers.export_xlsx}


def _page(request, form: CohortForm, status: int = 200):
    """The page for `form`: the cohort's counts when it is valid, and the past exports."""
    counts = None
    if form.is_bound and form.is_valid():
        with report_reads():
            counts = selectors.cohort_counts(Cohort.from_form(form), request.user)
    past_exports = JusticeDataLabExport.objects.select_related("downloaded_by", "borough")
    return render(
        request,
        "reporting/justice_data_lab.html",
        {
            "form": form,
            "counts": counts,
            "lab_minimum": selectors.LAB_MINIMUM,
            "past_exports": past_exports[:PAST_EXPORTS_SHOWN],
        },
        status=status,
    )


@admin_required
@recent_second_factor
def justice_data_lab(request):
    # The page opens with the form alone; the cohort is counted once a range is chosen.
    form = CohortForm(request.GET or None, user=request.user)
    return _page(request, form)


@admin_required
@require_POST
@recent_second_factor
def justice_data_lab_download(request, file_format):
    """The cohort's rows as a file, audited. POST: each download writes an audit row."""
    if file_format not in WRITERS:
        raise Http404
    form = CohortForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    cohort = Cohort.from_form(form)
    with report_reads():
        rows = selectors.export_rows(cohort, request.user)
    record = services.justice_data_lab_export_record(
        cohort=cohort, user=request.user, file_format=file_format, row_count=len(rows)
    )
    watermark = Watermark.for_user(
        request.user, at=record.downloaded_at, reference=f"Justice Data Lab export {record.pk}"
    )
    content = WRITERS[file_format](rows, watermark)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    file_name = f"justice-data-lab-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
