from django.contrib import messages
from django.shortcuts import render

from casework.forms.assessment import AssessmentForm
from casework.models import AssessmentDomain
from casework.services import assessments as services
from clients.scope import client_header, get_case
from sos.navigation import redirect_back


def assessment_add(request, pk):
    case = get_case(request, pk)
    domains = AssessmentDomain.objects.filter(is_active=True)
    form = AssessmentForm(request.POST or None, case=case, domains=domains)
    if form.is_valid():
        assessment = services.assessment_record(form=form, case=case, assessed_by=request.user)
        stage = assessment.get_stage_display().lower()
        messages.success(request, f"The {stage} assessment was saved.")
        return redirect_back(request, "clients:detail", pk=case.client_id)
    context = client_header(case.client)
    context.update(form=form, case=case, title="Record an assessment", button="Save")
    return render(request, "clients/client_form_page.html", context)
