from copy import copy
from operator import attrgetter

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from clients import services
from clients.filters import SORT_ORDER, ClientFilter
from clients.forms import ClientEditForm, ClientForm, ReferralForm
from clients.history import client_history
from clients.models import Client, JusticeEvent, RiskFlag
from clients.scope import client_header, get_client
from sos.access import personal_data_required
from sos.concurrency import edit_versioned
from sos.keyset import keyset_page

CLIENTS_PER_PAGE = 25
LIST_COLUMNS = [
    "first_name", "last_name", "preferred_name", "date_of_birth", "borough__name",
]  # fmt: skip


@personal_data_required
def client_list(request):
    # A badge per flag: its level and type, never the safeguarding notes behind it.
    active_flags = (
        RiskFlag.objects.active()
        .select_related("flag_type")
        .only("client", "level", "flag_type__name")
    )
    clients = (
        Client.objects.visible_to(request.user)
        .with_current_case(on=timezone.localdate())
        .select_related("borough")
        # Only what a row shows (and sorts by): not their address, contact details or special
        # category notes, which the list never needs.
        .only(*LIST_COLUMNS)
        .prefetch_related(Prefetch("risk_flags", active_flags, to_attr="active_flags"))
    )
    filters = ClientFilter(request.GET, queryset=clients, user=request.user)
    # Keyset pages (Next/Previous carry a row's key), never OFFSET: see sos.keyset.
    sort = getattr(filters.form, "cleaned_data", {}).get("sort") or "name"
    page = keyset_page(
        filters.qs,
        SORT_ORDER.get(sort, SORT_ORDER["name"]),
        size=CLIENTS_PER_PAGE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        rows_last=True,  # each row joins its current case: only the page's rows should
    )
    return render(
        request,
        "clients/client_list.html",
        {
            "filters": filters,
            "page": page,
            # Each row's link is this and its pk: one reverse() for the page, not one per row.
            "detail_start": reverse("clients:detail", args=[0]).removesuffix("0/"),
        },
    )


@personal_data_required
def client_refer(request):
    client_form = ClientForm(request.POST or None, prefix="person", user=request.user)
    referral_form = ReferralForm(request.POST or None, prefix="case", user=request.user)
    duplicates = hidden_duplicates = None
    if client_form.is_valid() and referral_form.is_valid():
        matches = Client.objects.likely_duplicates(**_identity(client_form.cleaned_data))
        duplicates = list(matches.visible_to(request.user))
        hidden_duplicates = matches.exclude(pk__in=[c.pk for c in duplicates]).exists()
        if not (duplicates or hidden_duplicates) or request.POST.get("not_a_duplicate"):
            case = services.client_refer(client_form=client_form, referral_form=referral_form)
            messages.success(request, f"{case.client} was referred.")
            return redirect("clients:detail", pk=case.client_id)
    return render(
        request,
        "clients/client_refer.html",
        {
            "client_form": client_form,
            "referral_form": referral_form,
            "duplicates": duplicates,
            "hidden_duplicates": hidden_duplicates,
        },
    )


def _identity(cleaned: dict) -> dict:
    return {key: cleaned[key] for key in ("first_name", "last_name", "date_of_birth", "pnc_id")}


def client_detail(request, pk):
    client = get_client(request, pk)
    # Each set read once, for the header and the page body alike (issue 23.4).
    cases = list(client.cases.select_related("caseworker", "referral_source", "closure_reason"))
    risk_flags = list(client.risk_flags.with_is_active().select_related("flag_type"))
    consents = list(client.consents.with_is_current().select_related("recorded_by"))
    offences = list(client.offences.select_related("category"))
    # Every justice event is of an offence (a required foreign key): without offences there are
    # none to read (issue 23.4: one query fewer for a young person with none).
    justice_events = (
        list(
            JusticeEvent.objects.filter(offence__client=client).select_related("offence__category")
        )
        if offences
        else []
    )
    context = client_header(client, cases=cases, risk_flags=risk_flags)
    context.update(
        cases=cases,
        offences=offences,
        justice_events=justice_events,
        consents=consents,
        # By scope, the order current() keeps them in.
        current_consent=sorted(
            (consent for consent in consents if consent.is_current), key=attrgetter("scope")
        ),
        all_risk_flags=risk_flags,
    )
    return render(request, "clients/client_detail.html", context)


def client_changes(request, pk):
    """The client's change history, on its own page (issue 23.4: rendered on the client page,
    it was a sixth of that page's work, and grows with every change)."""
    client = get_client(request, pk)
    context = client_header(client)
    context["history"] = client_history(
        client, after=request.GET.get("after", ""), before=request.GET.get("before", "")
    )
    return render(request, "clients/client_history.html", context)


def client_edit(request, pk):
    client = get_client(request, pk)
    # The form edits a copy, so the page header keeps showing what is saved.
    edit = edit_versioned(
        lambda data: ClientEditForm(data, instance=copy(client), user=request.user),
        request.POST or None,
    )
    if edit.saved:
        messages.success(request, f"{client} was saved.")
        return redirect("clients:detail", pk=client.pk)
    context = client_header(client)
    context.update(
        form=edit.form,
        conflict=edit.conflict,
        changes=edit.changes,
        title="Edit personal details",
        button="Save",
    )
    return render(request, "clients/client_form_page.html", context)
