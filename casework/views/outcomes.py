from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from casework.forms.outcome import OutcomeForm
from casework.models import Outcome
from casework.services import outcomes as services
from clients.scope import client_header, get_case
from sos.access import may_oversee
from sos.navigation import redirect_back


def outcome_add(request, pk):
    case = get_case(request, pk)
    form = OutcomeForm(request.POST or None, case=case)
    if form.is_valid():
        outcome = services.outcome_record(form=form, case=case, recorded_by=request.user)
        messages.success(request, f"{outcome.outcome_type} was recorded, awaiting verification.")
        return redirect_back(request, "clients:detail", pk=case.client_id)
    context = client_header(case.client)
    context.update(form=form, case=case, title="Record an outcome", button="Save")
    return render(request, "clients/client_form_page.html", context)


@require_POST
def outcome_verify(request, pk):
    outcomes = Outcome.objects.visible_to(request.user).select_related("case", "outcome_type")
    outcome = get_object_or_404(outcomes, pk=pk)
    # Verification is a manager's check on a caseworker's claim.
    if not may_oversee(request.user):
        raise PermissionDenied
    if services.outcome_verify(outcome=outcome, verified_by=request.user):
        messages.success(request, f"{outcome.outcome_type} was verified.")
    else:
        messages.info(request, f"{outcome.outcome_type} had already been verified.")
    # The manager's list of outcomes awaiting verification sends them back to itself.
    return redirect_back(request, "clients:detail", pk=outcome.case.client_id)
