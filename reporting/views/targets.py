"""Contract targets: managers see their boroughs' targets; admins set them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from reporting import services
from reporting.forms import TargetForm
from reporting.models import Target
from sos.access import admin_required, may_administer, oversight_required


def _page(request, form: TargetForm | None, status: int = 200):
    targets = Target.objects.visible_to(request.user).select_related("borough", "set_by")
    return render(
        request, "reporting/targets.html", {"targets": targets, "form": form}, status=status
    )


@oversight_required
def target_list(request):
    form = TargetForm(user=request.user) if may_administer(request.user) else None
    return _page(request, form)


@require_POST
@admin_required
def target_set(request):
    form = TargetForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        target = services.target_set(user=request.user, **form.cleaned_data)
    except services.TargetRefused as refusal:
        form.add_error(None, str(refusal))
        return _page(request, form, status=400)
    messages.success(request, f"Target set: {target}, {target.value}.")
    return redirect(reverse("reporting:targets"))
