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


def client_header(client: Client) -> dict:
    """What the header on every page about a client shows: current case and active flags."""
    current_case = client.cases.select_related("caseworker").first()
    return {
        "client": client,
        "current_case": current_case,
        "risk_flags": list(client.risk_flags.active().select_related("flag_type")),
    }
