"""Offences, consent decisions and risk flags: records about a client, each with an author."""

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from clients import services
from clients.forms import ConsentForm, JusticeEventForm, OffenceForm, RiskFlagForm
from clients.scope import client_header, get_client, get_risk_flag
from sos.navigation import redirect_back


def _record_form(request, pk, form_class, *, title, done):
    client = get_client(request, pk)
    form = form_class(request.POST or None)
    if form.is_valid():
        services.record_for_client(form=form, client=client, recorded_by=request.user)
        messages.success(request, done)
        return redirect_back(request, "clients:detail", pk=client.pk)
    context = client_header(client)
    context.update(form=form, title=title, button="Save")
    return render(request, "clients/client_form_page.html", context)


def offence_add(request, pk):
    return _record_form(request, pk, OffenceForm, title="Record an offence", done="Offence saved.")


def justice_event_add(request, pk):
    """Record an arrest, charge, conviction, ... of one of this client's offences."""
    client = get_client(request, pk)
    form = JusticeEventForm(request.POST or None, client=client)
    if form.is_valid():
        services.justice_event_record(form=form, recorded_by=request.user)
        messages.success(request, "Event saved.")
        return redirect_back(request, "clients:detail", pk=client.pk)
    context = client_header(client)
    context.update(form=form, title="Record an arrest, charge, outcome or custody", button="Save")
    return render(request, "clients/client_form_page.html", context)


def consent_add(request, pk):
    return _record_form(
        request, pk, ConsentForm, title="Record a consent decision", done="Consent saved."
    )


def risk_flag_add(request, pk):
    return _record_form(request, pk, RiskFlagForm, title="Add a risk flag", done="Risk flag added.")


@require_POST
def risk_flag_clear(request, pk):
    flag = get_risk_flag(request, pk)
    services.risk_flag_clear(flag=flag)
    messages.success(request, f"{flag.flag_type} is no longer flagged.")
    return redirect_back(request, "clients:detail", pk=flag.client_id)
