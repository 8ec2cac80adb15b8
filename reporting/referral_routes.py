"""Figure 1 of the monthly return (young people referred) broken down by how each referral
came: by the partner's kind for a case opened by accepting a partner's referral (issue 21),
else by the referral source staff recorded.

A young person referred twice in the month is in the line of their first referral (earliest
referral date, then first recorded): per borough in a borough's column, across the boroughs in
the total. So every column's lines add up to its figure 1, which counts young people."""

from django.db.models import CharField, Count, F, Func, QuerySet

from clients.models import Case, ReferralSource
from referrals.models import PartnerKind
from reporting.figures import TOTAL, Row, Table
from reporting.grouping import _by_borough, _column_values

PARTNER, SOURCE = "partner:", "source:"
# DISTINCT ON by ids: the related models' own orderings (a borough by name) would not match.
PER_BOROUGH, ACROSS = ["borough_id", "client_id"], ["client_id"]


class ReferralRoute(Func):
    """How a referral came, as one value: "partner:<kind>" or "source:<referral source id>".
    Written out with no query parameters, so _by_borough can group by it."""

    template = "COALESCE('partner:' || %(expressions)s::text)"
    arg_joiner = ", 'source:' || "
    output_field = CharField()


def first_referrals(referred: QuerySet[Case], *, per: list[str]) -> QuerySet[Case]:
    """The first of `referred` (cases) per `per` (PER_BOROUGH or ACROSS), with their route."""
    firsts = referred.order_by(*per, "referral_date", "pk").distinct(*per).values("pk")
    return Case.objects.filter(pk__in=firsts).annotate(
        route=ReferralRoute(F("partner_submission__partner__kind"), F("referral_source"))
    )


def partner_label(kind: PartnerKind) -> str:
    return f"Referred by a partner: {kind.label}"


def source_label(name: str) -> str:
    return f"Referred by staff, source: {name}"


def is_route(route: str) -> bool:
    kind, source = route.removeprefix(PARTNER), route.removeprefix(SOURCE)
    return (kind != route and kind in PartnerKind.values) or (source != route and source.isdigit())


def route_label(route: str) -> str:
    """The line of the breakdown `route` names, as the return shows it ("" if none)."""
    kind, source = route.removeprefix(PARTNER), route.removeprefix(SOURCE)
    if kind != route and kind in PartnerKind.values:
        return partner_label(PartnerKind(kind))
    if source != route and source.isdigit():
        name = ReferralSource.objects.filter(pk=source).values_list("name", flat=True).first()
        return source_label(name) if name else ""
    return ""


def add_rows(table: Table, section: str, referred: QuerySet[Case]) -> None:
    """The breakdown of `referred` (figure 1's cases, narrowed to the table's boroughs): a line
    per partner kind (zero or not) and per referral source (active, or with referrals). Three
    queries: the boroughs' columns, the total (grouping sets cannot give it: its first
    referrals are across boroughs), the referral sources."""
    clients = {"value": Count("client", distinct=True)}
    per_borough = _by_borough(
        first_referrals(referred, per=PER_BOROUGH), "borough", clients, by="route"
    )
    counts = {key: value for key, value in per_borough.items() if key[0] != TOTAL}
    across = first_referrals(referred, per=ACROSS).values("route").annotate(**clients)
    for total in across.order_by():
        counts[(TOTAL, total["route"])] = {"value": total["value"]}
    for kind in PartnerKind:
        route = f"{PARTNER}{kind.value}"
        row = Row(section, partner_label(kind), figure="referrals", detail=route)
        table.add(row, _column_values(counts, route))
    counted = {by for _column, by in counts}
    for source in ReferralSource.objects.all():
        route = f"{SOURCE}{source.pk}"
        if source.is_active or route in counted:
            row = Row(section, source_label(source.name), figure="referrals", detail=route)
            table.add(row, _column_values(counts, route))
