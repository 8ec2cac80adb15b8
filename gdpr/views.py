from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from audit.reads import access_record_now
from clients.models import Client
from gdpr import services
from gdpr.forms import ErasureRequestForm
from gdpr.models import ErasureRequest
from gdpr.subject_access import subject_access_zip
from sos.access import admin_required
from sos.two_factor import recent_second_factor
from sos.watermark import Watermark


@admin_required
@recent_second_factor
def subject_access(request, pk):
    """Download everything held about one client, watermarked with the access record that
    audits the download (written before the ZIP, so the watermark can name it)."""
    client = get_object_or_404(Client.objects.visible_to(request.user), pk=pk)
    # One transaction: a ZIP that fails to build leaves no record of a download.
    with transaction.atomic():
        record = access_record_now(request, pk=client.pk)
        watermark = Watermark.for_user(
            request.user, at=record.at, reference=f"access record {record.pk}"
        )
        content = subject_access_zip(client=client, watermark=watermark)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{client.pk}.zip"'
    return response


@admin_required
def erasure_list(request):
    """Erasure requests waiting for a second admin, then those carried out; and a new one."""
    form = ErasureRequestForm(request.POST or None)
    if form.is_valid():
        services.erasure_request(
            client=form.cleaned_data["client"],
            requested_by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "The erasure was requested: another admin must approve it.")
        return redirect("gdpr:erasure_list")
    erasures = ErasureRequest.objects.select_related("requested_by", "approved_by")
    return render(request, "gdpr/erasure_list.html", {"form": form, "erasures": erasures})


@admin_required
@require_POST
def erasure_approve(request, pk):
    erasure = get_object_or_404(ErasureRequest, pk=pk)
    try:
        services.erasure_approve(erasure=erasure, approved_by=request.user)
    except services.ErasureNotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Client {erasure.client_id} was anonymised.")
    return redirect("gdpr:erasure_list")
