from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imports import services
from imports.forms import CommitForm, UploadForm
from imports.kinds import KINDS
from imports.models import ImportRun, ImportStatus
from imports.spreadsheets import template_csv, template_xlsx
from sos.access import may_administer, oversight_required

# The preview lists at most this many errors; the counts above it cover every row.
ERRORS_SHOWN = 500
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def get_preview(request, pk) -> ImportRun:
    """One of the user's own imports still waiting for a decision; anything else is a 404."""
    runs = ImportRun.objects.filter(imported_by=request.user, status=ImportStatus.PREVIEWED)
    return get_object_or_404(runs, pk=pk)


@oversight_required
@never_cache
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        run, _plan = services.import_preview(
            user=request.user,
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            content=upload.read(),
        )
        return redirect("imports:preview", pk=run.pk)
    runs = ImportRun.objects.select_related("imported_by")
    if not may_administer(request.user):
        runs = runs.filter(imported_by=request.user)
    context = {"form": form, "kinds": KINDS.values(), "runs": runs[:20]}
    return render(request, "imports/import_start.html", context)


@oversight_required
def import_template(request, kind, file_format):
    if kind not in KINDS or file_format not in CONTENT_TYPES:
        raise Http404
    columns = KINDS[kind].columns
    headers, example = [c.header for c in columns], [c.example for c in columns]
    if file_format == "csv":
        content = template_csv(headers, example)
    else:
        content = template_xlsx(headers, example, title=kind)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{file_format}"'
    return response


@oversight_required
@never_cache
def import_preview(request, pk):
    run = get_preview(request, pk)
    plan = services.import_plan(run=run, user=request.user)
    context = {
        "run": run,
        "plan": plan,
        "errors": plan.errors[:ERRORS_SHOWN],
        "errors_hidden": max(len(plan.errors) - ERRORS_SHOWN, 0),
    }
    return render(request, "imports/import_preview.html", context)


@oversight_required
@require_POST
def import_commit(request, pk):
    run = get_preview(request, pk)
    form = CommitForm(request.POST)
    skip_invalid = form.is_valid() and form.cleaned_data["skip_invalid"]
    if run.invalid and not skip_invalid:
        messages.error(request, "The file has invalid rows: fix them, or choose to skip them.")
        return redirect("imports:preview", pk=run.pk)
    try:
        services.import_commit(run=run, user=request.user, skip_invalid=skip_invalid)
    except services.ImportNotAllowed:
        raise Http404 from None
    run.refresh_from_db()
    if run.status == ImportStatus.COMMITTED:
        messages.success(
            request,
            f"Imported {run.file_name}: {run.created} rows created, {run.updated} updated, "
            f"{run.skipped} skipped.",
        )
    else:
        messages.error(request, "The records changed since the preview: nothing was imported.")
    return redirect("imports:start")


@oversight_required
@require_POST
def import_cancel(request, pk):
    services.import_cancel(run=get_preview(request, pk))
    messages.info(request, "The import was cancelled and the file deleted.")
    return redirect("imports:start")
