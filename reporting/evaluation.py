"""Figures for a borough's own evaluation (issue 6): monthly series over 24 months, outcome
rates, proven reoffending and value for money. Every figure is computed by PostgreSQL; the
number of queries does not depend on the amount of data."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

from casework.models import Attendance, ContactType, Outcome, OutcomeCategory, Session
from clients.models import Case
from reporting.months import Month
from reporting.reoffending import Cohort
from sos.models import Borough, BoroughYearCost

SERIES_MONTHS = 24


def series_months(today: date) -> list[Month]:
    """The last 24 complete calendar months, oldest first."""
    months = [Month.of(today).previous()]
    while len(months) < SERIES_MONTHS:
        months.append(months[-1].previous())
    return months[::-1]


@dataclass(frozen=True)
class Series:
    """One monthly figure over the period. `people` series count young people: their total is
    the distinct young people over the whole period (`distinct`), never the sum of the months,
    which would count person-months (DOMAIN.md, "Disclosure control")."""

    name: str
    values: list[int]
    unit: str = "count"  # "count", or "minutes" (shown as hours)
    distinct: int | None = None  # people series only

    @property
    def people(self) -> bool:
        return self.distinct is not None


def monthly_series(borough_ids: list[int], months: list[Month]) -> list[Series]:
    """Referrals, new starts, active caseload, sessions attended and hours worked per month
    (DOMAIN.md monthly return figures 1, 2, 3 and 5), for support in `borough_ids`. Work on a
    client's behalf without them is not a session attended, but its hours are hours worked."""
    first, last = months[0].first, months[-1].last
    cases = Case.objects.filter(borough__in=borough_ids)

    def by_month(queryset, field, measure):
        rows = (
            queryset.filter(**{f"{field}__range": (first, last)})
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(value=measure)
            .order_by()
        )
        found = {Month.of(row["month"]): row["value"] or 0 for row in rows}
        return [found.get(month, 0) for month in months]

    attended = Session.objects.filter(case__borough__in=borough_ids, attendance=Attendance.ATTENDED)
    seen = attended.exclude(contact_type=ContactType.AGENCY_MEETING)
    people = Count("client", distinct=True)
    over = cases.aggregate(
        referred=Count("client", distinct=True, filter=Q(referral_date__range=(first, last))),
        started=Count("client", distinct=True, filter=Q(index_date__range=(first, last))),
        active=Count(
            "client",
            distinct=True,
            filter=Q(index_date__lte=last)
            & (Q(closure_date__isnull=True) | Q(closure_date__gte=first)),
        ),
    )
    return [
        Series("Referrals", by_month(cases, "referral_date", people), distinct=over["referred"]),
        Series("New starts", by_month(cases, "index_date", people), distinct=over["started"]),
        Series("Active caseload", active_by_month(borough_ids, months), distinct=over["active"]),
        Series("Sessions attended", by_month(seen, "date", Count("pk"))),
        Series("Hours worked", by_month(attended, "date", Sum("duration_minutes")), "minutes"),
    ]


# Active at any point in the month (DOMAIN.md figure 3), for every month in one query: the
# ORM cannot join against generate_series, so this one is SQL, with parameters only.
ACTIVE_BY_MONTH_SQL = """
    SELECT month::date, count(DISTINCT c.client_id)
    FROM generate_series(%s::date, %s::date, interval '1 month') AS months(month)
    LEFT JOIN clients_case c
      ON c.borough_id = ANY(%s)
     AND c.index_date <= (month + interval '1 month' - interval '1 day')::date
     AND (c.closure_date IS NULL OR c.closure_date >= month::date)
    GROUP BY month ORDER BY month
"""


def active_by_month(borough_ids: list[int], months: list[Month]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(ACTIVE_BY_MONTH_SQL, [months[0].first, months[-1].first, borough_ids])
        found = {Month.of(month): count for month, count in cursor.fetchall()}
    return [found.get(month, 0) for month in months]


@dataclass(frozen=True)
class OutcomeRate:
    category: str
    closed: int
    with_outcome: int


def outcome_rates(borough_ids: list[int], first: date, last: date) -> list[OutcomeRate]:
    """Of the cases closed between `first` and `last`, how many had at least one positive
    outcome, overall and in each outcome category."""
    closed = Case.objects.filter(borough__in=borough_ids, closure_date__range=(first, last))
    positive = Outcome.objects.filter(case=OuterRef("pk"), outcome_type__is_positive=True)
    measures = {"closed": Count("pk"), "any": Count("pk", filter=Q(Exists(positive)))}
    for category in OutcomeCategory:
        in_category = positive.filter(outcome_type__category=category)
        measures[category.value] = Count("pk", filter=Q(Exists(in_category)))
    counts = closed.aggregate(**measures)
    rates = [OutcomeRate("Any positive outcome", counts["closed"], counts["any"])]
    rates += [
        OutcomeRate(category.label, counts["closed"], counts[category.value])
        for category in OutcomeCategory
    ]
    return rates


@dataclass(frozen=True)
class CostPerClient:
    year: int
    cost: Decimal
    clients: int

    @property
    def per_client(self) -> Decimal | None:
        return (self.cost / self.clients).quantize(Decimal("1")) if self.clients else None


def cost_per_client(borough_ids: list[int]) -> list[CostPerClient]:
    """For each year an admin entered costs: the cost divided by the young people supported
    that year (support active at any point in it) in those boroughs."""
    costs = (
        BoroughYearCost.objects.filter(borough__in=borough_ids)
        .values("year")
        .annotate(total=Sum("total_cost"))
        .order_by("-year")
    )
    costs = {row["year"]: row["total"] for row in costs}
    if not costs:
        return []
    measures = {
        str(year): Count(
            "client",
            distinct=True,
            filter=Q(index_date__lte=date(year, 12, 31))
            & (Q(closure_date__isnull=True) | Q(closure_date__gte=date(year, 1, 1))),
        )
        for year in costs
    }
    clients = Case.objects.filter(borough__in=borough_ids).aggregate(**measures)
    return [CostPerClient(year, cost, clients[str(year)]) for year, cost in costs.items()]


@dataclass(frozen=True)
class CustodyCostAvoided:
    """(baseline rate - observed rate) x measurable cohort x custody cost per year, with the
    observed rate's 95% interval carried through. An estimate, shown with its assumptions."""

    baseline: Decimal
    baseline_source: str
    custody_cost: Decimal
    cohort: int
    observed: float
    observed_interval: tuple[float, float]

    def _avoided(self, rate: float) -> Decimal:
        difference = self.baseline / 100 - Decimal(str(round(rate, 6)))
        return (difference * self.cohort * self.custody_cost).quantize(Decimal("1"))

    @property
    def estimate(self) -> Decimal:
        return self._avoided(self.observed)

    @property
    def interval(self) -> tuple[Decimal, Decimal]:
        low_rate, high_rate = self.observed_interval
        return self._avoided(high_rate), self._avoided(low_rate)


def custody_cost_avoided(borough: Borough, overall: Cohort) -> CustodyCostAvoided | None:
    """The estimate for one borough, or None when it lacks a baseline, a custody cost or a
    measurable cohort."""
    rate = overall.rate
    if (
        borough.baseline_reoffending_rate is None
        or borough.custody_cost_per_year is None
        or not rate.n
    ):
        return None
    return CustodyCostAvoided(
        baseline=borough.baseline_reoffending_rate,
        baseline_source=borough.baseline_source,
        custody_cost=borough.custody_cost_per_year,
        cohort=rate.n,
        observed=rate.value,
        observed_interval=rate.interval,
    )
