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
    """Erasure requests waiting for a second admin, then those carried out."""
    erasures = ErasureRequest.objects.filter(
        client__in=Client.objects.visible_to(request.user)
    ).select_related("client", "requested_by", "approved_by")
    return render(request, "gdpr/erasure_list.html", {"erasures": erasures})


@admin_required
def erasure_request(request, pk):
    """Ask, from a young person's page, for their erasure; while a request for them is open,
    where it stands instead of a second form."""
    client = get_object_or_404(
        Client.objects.visible_to(request.user).select_related("anonymisation"), pk=pk
    )
    waiting = client.erasure_requests.filter(approved_at__isnull=True).first()
    if waiting:
        return redirect("gdpr:erasure_detail", pk=waiting.pk)
    form = ErasureRequestForm(request.POST or None)
    if not client.is_anonymised and form.is_valid():
        try:
            erasure = services.erasure_request(
                client=client, requested_by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ErasureNotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The erasure was requested: another admin must approve it.")
            return redirect("gdpr:erasure_detail", pk=erasure.pk)
    return render(request, "gdpr/erasure_request.html", {"client": client, "form": form})


@admin_required
def erasure_detail(request, pk):
    """One request's state for every admin; for a second admin, what approving it does and
    what cannot be undone, above the button that approves it."""
    erasure = get_object_or_404(
        ErasureRequest.objects.filter(
            client__in=Client.objects.visible_to(request.user)
        ).select_related("client", "requested_by", "approved_by"),
        pk=pk,
    )
    may_approve = erasure.is_pending and erasure.requested_by_id != request.user.pk
    open_cases = erasure.client.cases.open().count() if may_approve else 0
    context = {"erasure": erasure, "may_approve": may_approve, "open_cases": open_cases}
    return render(request, "gdpr/erasure_detail.html", context)


@admin_required
@require_POST
def erasure_approve(request, pk):
    erasure = get_object_or_404(
        ErasureRequest.objects.filter(client__in=Client.objects.visible_to(request.user)), pk=pk
    )
    try:
        services.erasure_approve(erasure=erasure, approved_by=request.user)
    except services.ErasureNotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The record was anonymised and its open support closed.")
    return redirect("gdpr:erasure_detail", pk=erasure.pk)
