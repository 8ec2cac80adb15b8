from copy import copy

from django.contrib import messages
from django.shortcuts import redirect, render

from clients import services
from clients.forms import AllocateForm, CaseCloseForm, CaseEditForm, CaseStartForm, ReferralForm
from clients.scope import client_header, get_case, get_client
from sos.access import oversight_required
from sos.concurrency import edit_versioned
from sos.navigation import redirect_back


def case_open(request, pk):
    """Reopen support: a new support episode for a known young person."""
    client = get_client(request, pk)
    if client.is_anonymised:
        messages.error(request, "This record was anonymised: no new support can be recorded.")
        return redirect("clients:detail", pk=client.pk)
    if client.cases.open().exists():
        messages.error(request, f"Close {client}'s current support before starting new support.")
        return redirect("clients:detail", pk=client.pk)
    form = ReferralForm(request.POST or None, user=request.user)
    if form.is_valid():
        services.case_open(client=client, referral_form=form)
        messages.success(request, f"New support for {client} was recorded.")
        return redirect_back(request, "clients:detail", pk=client.pk)
    context = client_header(client)
    context.update(form=form, title="Reopen support", button="Record the referral")
    return render(request, "clients/client_form_page.html", context)


def case_start(request, pk):
    """Start support on a referred case: a GET asks for the date, a POST records it. Once
    started (a second click, or someone else first) the case's page says so instead."""
    case = get_case(request, pk)
    if not case.awaits_start:
        messages.info(request, f"{case} has already started or closed: nothing was changed.")
        return redirect("clients:detail", pk=case.client_id)
    form = CaseStartForm(request.POST or None, instance=copy(case))
    if form.is_valid():
        if services.case_start(case=case, index_date=form.cleaned_data["index_date"]):
            messages.success(request, "Support was started.")
        else:
            messages.info(request, f"{case} had already started or closed: nothing was changed.")
        return redirect("clients:detail", pk=case.client_id)
    context = client_header(case.client)
    context.update(form=form, case=case, title="Start support", button="Start support")
    return render(request, "clients/client_form_page.html", context)


def _versioned_case_form(request, pk, form_class, *, title, button, done, **form_kwargs):
    """The shared flow of the case forms that edit an existing episode: scope, bind, save
    unless someone else saved first, and show both versions when they did."""
    case = get_case(request, pk)
    edit = edit_versioned(
        lambda data: form_class(data, instance=copy(case), **form_kwargs), request.POST or None
    )
    if edit.saved:
        messages.success(request, done)
        return redirect_back(request, "clients:detail", pk=case.client_id)
    context = client_header(case.client)
    context.update(
        form=edit.form,
        case=case,
        conflict=edit.conflict,
        changes=edit.changes,
        title=title,
        button=button,
    )
    return render(request, "clients/client_form_page.html", context)


def case_edit(request, pk):
    return _versioned_case_form(
        request,
        pk,
        CaseEditForm,
        title="Edit support details",
        button="Save",
        done="The support details were saved.",
        user=request.user,
    )


def case_close(request, pk):
    return _versioned_case_form(
        request,
        pk,
        CaseCloseForm,
        title="Close support",
        button="Close support",
        done="Support was closed.",
    )


@oversight_required
def case_allocate(request, pk):
    return _versioned_case_form(
        request,
        pk,
        AllocateForm,
        title="Allocate a caseworker",
        button="Allocate",
        done="The caseworker was allocated.",
    )
