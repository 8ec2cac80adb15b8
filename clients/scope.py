"""How every view about a client (in clients and casework) fetches its records: through
visible_to(), so another borough's record is the same 404 as one that does not exist."""

from django.shortcuts import get_object_or_404

from clients.models import Case, Client, RiskFlag


def get_client(request, pk) -> Client:
    clients = Client.objects.visible_to(request.user).select_related("borough")
    return get_object_or_404(clients, pk=pk)


def get_case(request, pk) -> Case:
    cases = Case.objects.visible_to(request.user).select_related("client__borough", "borough")
    return get_object_or_404(cases, pk=pk)


def get_risk_flag(request, pk) -> RiskFlag:
    flags = RiskFlag.objects.visible_to(request.user).select_related("client")
    return get_object_or_404(flags, pk=pk)


def client_header(client: Client, *, cases=None, risk_flags=None) -> dict:
    """What the header on every page about a client shows: current case and active flags.

    The current case is the first in Case's order (newest referral first). A page that lists
    every case or flag anyway passes the rows it read: `cases` in that order, `risk_flags`
    read with_is_active(); the header then reads neither again."""
    if cases is None:
        cases = client.cases.select_related("caseworker")[:1]
    if risk_flags is None:
        risk_flags = client.risk_flags.active().with_is_active().select_related("flag_type")
    cases = list(cases)
    return {
        "client": client,
        "current_case": cases[0] if cases else None,
        "risk_flags": [flag for flag in risk_flags if flag.is_active],
    }
