"""Every figure of the monthly return, computed by PostgreSQL aggregates (DOMAIN.md, "The
monthly return"). Each figure is defined once as a queryset of the records behind it; the
return counts it with one grouped query per breakdown, per borough and in total together
(GROUPING SETS, see reporting.grouping), and the drill-down pages (reporting.drilldown) list
the same queryset. The number of queries does not depend on the number of clients, cases or
sessions.

Which borough a record counts for: a case counts for the borough its support was delivered in
(Case.borough), so a client who later moves borough does not move past figures with them.
Sessions, interventions, outcomes and offences count for their case's borough; group work for
its own borough. A session counts in the month it started, even if it ran past midnight.
"""

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum, Value, When

from casework.models import (
    Attendance,
    ContactType,
    GroupSession,
    GroupSetting,
    InterventionType,
    Outcome,
    OutcomeType,
    Session,
    SessionIntervention,
)
from clients.models import (
    Case,
    ClosureReason,
    Ethnicity,
    Gender,
    JusticeEvent,
    JusticeEventKind,
)
from reporting import referral_routes
from reporting.figures import TOTAL, Row, Table, hours
from reporting.grouping import _by_borough, _column_values
from reporting.months import Month
from sos.models import User

REFERRALS = "1. Referrals received"
NEW_STARTS = "2. New starts"
ACTIVE = "3. Active caseload"
CLOSURES = "4. Closures by reason"
ONE_TO_ONE = "5. One-to-one contact"
GROUP_WORK = "6. Group work"
INTERVENTIONS = "7. Interventions delivered"
OUTCOMES = "8. Outcomes achieved"
REOFFENDING = "9. Reoffending events among active clients"
CASEWORKERS = "11. Caseload and hours per caseworker"
AGE, GENDER, ETHNICITY = (
    "10a. New starts by age band",
    "10b. New starts by gender",
    "10c. New starts by ethnicity",
)

# Figure 9's rows: custody is remand or a custodial sentence (DOMAIN.md figure 9).
ROW_OF_KIND = {
    JusticeEventKind.ARREST: "Arrests",
    JusticeEventKind.CHARGE: "Charges",
    JusticeEventKind.CONVICTION: "Convictions",
    JusticeEventKind.OUT_OF_COURT: "Out-of-court disposals (caution, reprimand or warning)",
    JusticeEventKind.REMAND: "Custody: remanded",
    JusticeEventKind.CUSTODIAL_SENTENCE: "Custody: custodial sentence",
}

# Work on a client's behalf without them (DOMAIN.md figure 5): never "seen", never attended.
CLIENT_ABSENT = Q(contact_type=ContactType.AGENCY_MEETING)
BEHALF = "behalf"  # the drill-down detail listing that work

# Age at the index date (DOMAIN.md figure 10): (label, lowest age, highest age).
AGE_BANDS = [
    ("Under 16", 0, 15),
    ("16-17", 16, 17),
    ("18-20", 18, 20),
    ("21-24", 21, 24),
    ("25 and over", 25, 200),
]


class AgeInYears(Func):
    """Whole years between two dates: PostgreSQL's age(), in years."""

    template = "date_part('year', age(%(expressions)s))::integer"
    output_field = IntegerField()


# The records behind each figure (DOMAIN.md numbering), for the month `m`.


def referrals(m: Month) -> QuerySet[Case]:
    """1. Clients whose referral date is in M (counted by case borough)."""
    return Case.objects.filter(referral_date__range=(m.first, m.last))


def referrals_by_route(m: Month, route: str) -> QuerySet[Case]:
    """1, one line of its breakdown (reporting.referral_routes): the first referrals per
    borough and young person in M that came by `route`; none for an unknown route."""
    cases = referral_routes.first_referrals(referrals(m), per=referral_routes.PER_BOROUGH)
    return cases.filter(route=route) if referral_routes.is_route(route) else cases.none()


def new_starts(m: Month) -> QuerySet[Case]:
    """2. Clients whose index date (start of support) is in M."""
    return Case.objects.filter(index_date__range=(m.first, m.last))


def active_caseload(m: Month) -> QuerySet[Case]:
    """3. Active at any point in M: start <= last day and (no end, or end >= first day)."""
    return Case.objects.active_between(m.first, m.last)


def closures(m: Month) -> QuerySet[Case]:
    """4. Support closed in M."""
    return Case.objects.filter(closure_date__range=(m.first, m.last))


def sessions(m: Month) -> QuerySet[Session]:
    """5. One-to-one sessions held in M (attended, not attended and cancelled)."""
    return Session.objects.filter(date__range=(m.first, m.last))


def group_work(m: Month) -> QuerySet[GroupSession]:
    """6. Group workshops held in M."""
    return GroupSession.objects.filter(date__range=(m.first, m.last))


def interventions(m: Month) -> QuerySet[SessionIntervention]:
    """7. Interventions delivered in attended sessions in M."""
    return SessionIntervention.objects.filter(
        session__date__range=(m.first, m.last), session__attendance=Attendance.ATTENDED
    )


def outcomes(m: Month) -> QuerySet[Outcome]:
    """8. Outcomes achieved in M."""
    return Outcome.objects.filter(date__range=(m.first, m.last))


def justice_events_of_active_clients(m: Month) -> QuerySet[JusticeEvent]:
    """9. Arrests, charges, convictions or out-of-court disposals, remands and custodial
    sentences dated in M, of clients with a case active in M: each event in the month of its
    own date, so a past month does not change as courts decide later."""
    return JusticeEvent.objects.filter(
        date__range=(m.first, m.last),
        offence__client__cases__in=active_caseload(m),
    ).distinct()


def monthly_figures(m: Month, borough_ids: list[int]) -> Table:
    """Every figure of the return for `m`, per borough in `borough_ids` and in total."""
    table = Table(columns=[str(pk) for pk in borough_ids] + [TOTAL])

    def cases(queryset):
        return queryset.filter(borough__in=borough_ids)

    distinct_clients = Count("client", distinct=True)
    for section, label, figure, queryset in [
        (REFERRALS, "Young people referred", "referrals", referrals(m)),
        (NEW_STARTS, "Young people starting support", "new_starts", new_starts(m)),
        (ACTIVE, "Young people supported", "active", active_caseload(m)),
    ]:
        counts = _by_borough(cases(queryset), "borough", {"value": distinct_clients})
        table.add(Row(section, label, figure=figure), _column_values(counts))
        if figure == "referrals":
            referral_routes.add_rows(table, REFERRALS, cases(queryset))

    _closures(table, cases(closures(m)))
    _one_to_one(table, sessions(m).filter(case__borough__in=borough_ids))
    _group_work(table, group_work(m).filter(borough__in=borough_ids))
    _interventions(table, interventions(m).filter(session__case__borough__in=borough_ids))
    _outcomes(table, outcomes(m).filter(case__borough__in=borough_ids))
    _justice_events(table, m, borough_ids)
    _demographics(table, cases(new_starts(m)))
    _caseworkers(table, m, borough_ids)
    return table


def _reference_rows(table: Table, counts: dict, items, row_for) -> None:
    """A row per reference item: every active one (zero or not), and retired ones that still
    have something to count."""
    counted = {by for _column, by in counts}
    for item in items:
        if item.is_active or item.pk in counted:
            table.add(row_for(item), _column_values(counts, item.pk))


def _closures(table: Table, queryset) -> None:
    counts = _by_borough(queryset, "borough", {"value": Count("pk")}, by="closure_reason")
    _reference_rows(
        table,
        counts,
        ClosureReason.objects.all(),
        lambda reason: Row(CLOSURES, reason.name, figure="closures", detail=str(reason.pk)),
    )


def _one_to_one(table: Table, queryset) -> None:
    # Sessions counted by their case id, which every session has: with the date, attendance
    # and duration it is in the covering index session_date_covering, so PostgreSQL counts
    # from the index alone. Count("pk") needs each session's heap row (Django refuses
    # COUNT(*) with a filter). Work on a client's behalf without them (an agency meeting)
    # is not a session attended and does not make them seen; its hours have their own line
    # and are part of the total hours worked (DOMAIN.md figure 5).
    attended = Q(attendance=Attendance.ATTENDED)
    seen = attended & ~CLIENT_ABSENT
    behalf = attended & CLIENT_ABSENT
    rows = [
        (
            Row(ONE_TO_ONE, "Sessions attended", figure="sessions", detail="attended"),
            Count("case", filter=seen),
        ),
        (
            Row(ONE_TO_ONE, "Hours of attended sessions", "minutes"),
            Sum("duration_minutes", filter=seen),
        ),
        (Row(ONE_TO_ONE, "Young people seen"), Count("case__client", filter=seen, distinct=True)),
        (
            Row(ONE_TO_ONE, "Sessions not attended (DNA)", figure="sessions", detail="dna"),
            Count("case", filter=Q(attendance=Attendance.DID_NOT_ATTEND)),
        ),
        (
            Row(ONE_TO_ONE, "Sessions cancelled", figure="sessions", detail="cancelled"),
            Count("case", filter=Q(attendance=Attendance.CANCELLED)),
        ),
        (
            Row(ONE_TO_ONE, "Work on a young person's behalf, client absent", figure="sessions",
                detail=BEHALF),
            Count("case", filter=behalf),
        ),
        (
            Row(ONE_TO_ONE, "Hours of work on a young person's behalf", "minutes"),
            Sum("duration_minutes", filter=behalf),
        ),
        (
            Row(ONE_TO_ONE, "Total hours worked with and for young people", "minutes"),
            Sum("duration_minutes", filter=attended),
        ),
    ]  # fmt: skip
    measures = {f"m{index}": measure for index, (_row, measure) in enumerate(rows)}
    counts = _by_borough(queryset, "case__borough", measures)
    for index, (row, _measure) in enumerate(rows):
        table.add(row, _column_values(counts, measure=f"m{index}"))


def _group_work(table: Table, queryset) -> None:
    measures = {
        "workshops": Count("pk"),
        "participants": Sum("participants"),
        "minutes": Sum("duration_minutes"),
    }
    counts = _by_borough(queryset, "borough", measures, by="setting_type")
    for setting in GroupSetting:
        for measure, label, unit in [
            ("workshops", "workshops", "count"),
            ("participants", "participants", "count"),
            ("minutes", "hours", "minutes"),
        ]:
            table.add(
                Row(GROUP_WORK, f"{setting.label}: {label}", unit),
                _column_values(counts, setting, measure),
            )


def _interventions(table: Table, queryset) -> None:
    counts = _by_borough(
        # COUNT(*): the (session, intervention type) index answers it without the table's rows.
        queryset,
        "session__case__borough",
        {"value": Count("*")},
        by="intervention_type",
    )
    _reference_rows(
        table,
        counts,
        InterventionType.objects.select_related("pathway"),
        lambda kind: Row(INTERVENTIONS, f"{kind.pathway.name}: {kind.name}"),
    )


def _outcomes(table: Table, queryset) -> None:
    counts = _by_borough(queryset, "case__borough", {"value": Count("pk")}, by="outcome_type")
    _reference_rows(
        table,
        counts,
        OutcomeType.objects.all(),
        lambda kind: Row(OUTCOMES, kind.name, figure="outcomes", detail=str(kind.pk)),
    )


def _justice_events(table: Table, m: Month, borough_ids: list[int]) -> None:
    """Counted per borough of the client's active case; in total, each event once."""
    events = "client__offences__justice_events"
    in_month = Q(**{f"{events}__date__range": (m.first, m.last)})
    active = active_caseload(m).filter(borough__in=borough_ids)
    counts = _by_borough(
        active.filter(in_month),
        "borough",
        {"value": Count(events, distinct=True)},
        by=f"{events}__kind",
    )
    for kind in JusticeEventKind:
        table.add(Row(REOFFENDING, ROW_OF_KIND[kind]), _column_values(counts, kind))


def _demographics(table: Table, queryset) -> None:
    age = AgeInYears(F("index_date"), F("client__date_of_birth"))
    band = CaseWhen(
        *(When(age__range=(low, high), then=Value(label)) for label, low, high in AGE_BANDS),
        default=Value("Unknown"),
    )
    clients = {"value": Count("client", distinct=True)}
    banded = queryset.annotate(age=age).annotate(band=band)
    by_band = _by_borough(banded, "borough", clients, by="band")
    for label, _low, _high in AGE_BANDS:
        table.add(Row(AGE, label), _column_values(by_band, label))
    by_gender = _by_borough(queryset, "borough", clients, by="client__gender")
    for gender in Gender:
        table.add(Row(GENDER, gender.label), _column_values(by_gender, gender))
    by_ethnicity = _by_borough(queryset, "borough", clients, by="client__ethnicity")
    for ethnicity in Ethnicity:
        table.add(Row(ETHNICITY, ethnicity.label), _column_values(by_ethnicity, ethnicity))


def _caseworker_counts(m: Month, borough_ids: list[int]) -> tuple[list[User], dict, dict]:
    """11. Everyone who worked in the boroughs in M, with their caseload (young people whose
    case there was active in M and allocated to them) and hours worked there (attended
    sessions they logged, work on a client's behalf included), per borough and in total.
    "Everyone" is the caseworkers and managers of the boroughs and anyone else, based
    elsewhere, who held a case or logged hours there (DOMAIN.md figure 11)."""
    allocated = active_caseload(m).filter(borough__in=borough_ids, caseworker__isnull=False)
    caseload = _by_borough(
        allocated, "borough", {"value": Count("client", distinct=True)}, by="caseworker"
    )
    worked = sessions(m).filter(attendance=Attendance.ATTENDED, case__borough__in=borough_ids)
    minutes = _by_borough(
        worked, "case__borough", {"value": Sum("duration_minutes")}, by="logged_by"
    )
    elsewhere = {pk for _column, pk in [*caseload, *minutes]}
    staff = User.objects.filter(
        Q(pk__in=elsewhere)
        | Q(pk__in=User.objects.casework_staff(borough_ids).active().values("pk"))
    ).order_by("first_name", "last_name", "pk")
    return list(staff), caseload, minutes


def _caseworkers(table: Table, m: Month, borough_ids: list[int]) -> None:
    staff, caseload, minutes = _caseworker_counts(m, borough_ids)
    names = [member.get_full_name() or member.email for member in staff]
    for member, name in zip(staff, names, strict=True):
        # Two people of the same name are told apart by their staff number.
        label = f"{name} (staff {member.pk})" if names.count(name) > 1 else name
        table.add(
            Row(CASEWORKERS, f"{label}: young people on caseload"),
            _column_values(caseload, member.pk),
        )
        table.add(
            Row(CASEWORKERS, f"{label}: hours worked", "minutes"),
            _column_values(minutes, member.pk),
        )


def caseworker_figures(m: Month, boroughs) -> list[User]:
    """11. The return's caseload and hours per caseworker for `boroughs`, over them all: each
    member of staff with .caseload (young people) and .minutes and .hours (one decimal)."""
    staff, caseload, minutes = _caseworker_counts(m, [borough.pk for borough in boroughs])
    for member in staff:
        member.caseload = _column_values(caseload, member.pk).get(TOTAL, 0) or 0
        member.minutes = _column_values(minutes, member.pk).get(TOTAL, 0) or 0
        member.hours = hours(member.minutes)
    return staff
