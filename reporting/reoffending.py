"""Proven reoffending by the Ministry of Justice rule (DOMAIN.md, "Proven reoffending"):

- the unit is the young person, never the support episode: each enters the cohort once, at the
  index date of their first started episode (in any borough), and counts in that episode's
  borough; later episodes never re-enter them, so one offence is counted once;
- cohorts are young people by the quarter of that index date;
- a proven reoffence is an offence committed in the 12 months from the index date and proven
  (conviction, caution, reprimand or warning) within those 12 months or a further 6-month
  waiting period, i.e. with an outcome date before the index date + 18 months;
- a young person counts only once 18 months have passed since that index date; until then they
  are "not yet measurable", never a success.

Everything is computed by PostgreSQL: one query for the per-quarter cohorts, one for the whole
and one for those not yet measurable or not started.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Aggregate,
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncQuarter

from clients.models import Case, Offence
from clients.models.offence import PROVEN_OUTCOMES
from reporting.statistics import Rate

FOLLOW_UP_MONTHS = 12
WAITING_MONTHS = 6


class AddMonths(Func):
    """date + a whole number of calendar months (the number is ours, never user input)."""

    output_field = DateField()

    def __init__(self, expression, months: int):
        super().__init__(
            expression, template=f"(%(expressions)s + interval '{int(months)} months')::date"
        )


class DaysBetween(Func):
    """later - earlier for two dates: a whole number of days in PostgreSQL."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


class Median(Aggregate):
    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def with_proven_reoffending(cases):
    """Annotate cases with their proven reoffences in the follow-up period (count) and the
    date of the first one (None if none)."""
    proven = Offence.objects.filter(
        client=OuterRef("client"),
        outcome__in=PROVEN_OUTCOMES,
        offence_date__gte=OuterRef("index_date"),
        offence_date__lt=AddMonths(OuterRef("index_date"), FOLLOW_UP_MONTHS),
        outcome_date__lt=AddMonths(OuterRef("index_date"), FOLLOW_UP_MONTHS + WAITING_MONTHS),
    )
    count = proven.order_by().values("client").annotate(n=Count("pk")).values("n")[:1]
    first = proven.order_by().values("client").annotate(first=Min("offence_date")).values("first")
    return cases.annotate(
        reoffences=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        first_reoffence=Subquery(first[:1], output_field=DateField()),
    )


def is_first_episode() -> Q:
    """A case that is its young person's first started episode in any borough (earliest
    index date, then lowest id): the one episode through which they enter a cohort."""
    first = (
        Case.objects.filter(client=OuterRef("client"), index_date__isnull=False)
        .order_by("index_date", "pk")
        .values("pk")[:1]
    )
    return Q(pk=Subquery(first))


def first_episodes(cases):
    """Of `cases`, only each young person's first started episode (is_first_episode)."""
    return cases.filter(is_first_episode())


def measurable_on(today: date) -> Q:
    """Episodes whose 18 months (follow-up plus waiting) have passed by `today`."""
    months = FOLLOW_UP_MONTHS + WAITING_MONTHS
    return Q(index_date__lte=AddMonths(Value(today, output_field=DateField()), -months))


@dataclass(frozen=True)
class Cohort:
    quarter: date | None  # None for the whole period
    n: int  # measurable young people
    reoffenders: int
    reoffences: int
    median_days_to_first: float | None

    @property
    def rate(self) -> Rate:
        return Rate(self.reoffenders, self.n)

    @property
    def per_reoffender(self) -> float | None:
        return self.reoffences / self.reoffenders if self.reoffenders else None

    @property
    def per_young_person(self) -> float | None:
        return self.reoffences / self.n if self.n else None

    @property
    def label(self) -> str:
        if self.quarter is None:
            return "All measurable"
        return f"{self.quarter.year} Q{(self.quarter.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Reoffending:
    cohorts: list[Cohort]
    overall: Cohort
    not_yet_measurable: int
    not_started: int


def proven_reoffending(boroughs, *, today: date) -> Reoffending:
    """Cohorts of young people by index-date quarter whose first started episode was
    delivered in `boroughs`, and the whole; one row per young person throughout."""
    cases = Case.objects.filter(borough__in=boroughs)
    entered = first_episodes(cases)
    measurable = with_proven_reoffending(entered.filter(measurable_on(today)))
    # The median ignores young people with no reoffence (NULL days).
    days_to_first = DaysBetween(F("first_reoffence"), F("index_date"))
    measures = {
        "n": Count("pk"),
        "reoffenders": Count("pk", filter=Q(reoffences__gt=0)),
        "total": Coalesce(Sum("reoffences"), 0),
        "median": Median(days_to_first),
    }
    rows = (
        measurable.annotate(quarter=TruncQuarter("index_date"))
        .values("quarter")
        .annotate(**measures)
        .order_by("quarter")
    )
    cohorts = [_cohort(row["quarter"], row) for row in rows]
    overall = _cohort(None, measurable.aggregate(**measures))
    # Not started: referred here, with no started episode anywhere (else they enter the cohort
    # through that episode's borough).
    started_anywhere = Case.objects.filter(client=OuterRef("client"), index_date__isnull=False)
    counts = cases.aggregate(
        not_started=Count("client", distinct=True, filter=~Exists(started_anywhere)),
        not_yet=Count(
            "client",
            distinct=True,
            filter=Q(pk__in=entered.filter(~measurable_on(today)).values("pk")),
        ),
    )
    return Reoffending(cohorts, overall, counts["not_yet"], counts["not_started"])


def _cohort(quarter, row) -> Cohort:
    return Cohort(
        quarter=quarter,
        n=row["n"] or 0,
        reoffenders=row["reoffenders"] or 0,
        reoffences=row["total"] or 0,
        median_days_to_first=row["median"],
    )
