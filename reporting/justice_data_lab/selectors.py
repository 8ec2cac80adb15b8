"""Who a Justice Data Lab cohort holds, who is sent and why the rest are not.

The unit is the young person (DOMAIN.md, "Proven reoffending"), as in the evaluation: a young
person is in the cohort when the index date of their first started episode, in any borough,
falls in the range (in the borough asked for, if one is: the borough of that episode). Young
people referred in the range who have not started anywhere have no intervention start to send,
so they belong to the cohort but are left out, as "not started". A young person is sent only
when their latest Justice Data Lab consent decision is "given"; the rest are counted as left
out, by reason.
"""

from dataclasses import dataclass

from django.db.models import Case as CaseWhen
from django.db.models import Count, DateField, Exists, Max, OuterRef, Q, QuerySet, Subquery, When

from clients.models import Case, Consent, ConsentScope, Gender
from reporting.justice_data_lab.forms import Cohort
from reporting.reoffending import is_first_episode
from sos.models import User

# The Lab builds a matched comparison group only for at least 60 participants (DOMAIN.md).
LAB_MINIMUM = 60

HEADERS = [
    "Surname",
    "Forename",
    "Date of birth",
    "Gender",
    "PNC ID",
    "Prison number",
    "Intervention start",
    "Intervention end",
    "Borough",
]
ROW_FIELDS = [
    "client__last_name",
    "client__first_name",
    "client__date_of_birth",
    "client__gender",
    "client__pnc_id",
    "client__prison_number",
    "index_date",
    "support_end",
    "borough__name",
]

NOT_STARTED = Q(index_date__isnull=True)
CONSENT_GIVEN = Q(jdl_consent_given=True)
NO_CONSENT_RECORDED = Q(jdl_consent_given__isnull=True)
CONSENT_WITHDRAWN = Q(jdl_consent_given=False)


@dataclass(frozen=True)
class CohortCounts:
    """How many young people the cohort has, how many are sent, and why the rest are not."""

    cohort: int
    included: int
    no_consent_recorded: int
    consent_withdrawn: int
    not_started: int

    @property
    def left_out(self) -> list[tuple[str, int]]:
        return [
            ("No Justice Data Lab consent recorded", self.no_consent_recorded),
            ("Consent withdrawn", self.consent_withdrawn),
            ("Not started anywhere (no index date)", self.not_started),
        ]

    @property
    def below_lab_minimum(self) -> bool:
        return self.included < LAB_MINIMUM


def cohort_cases(cohort: Cohort, user: User) -> QuerySet[Case]:
    """One case per young person of `cohort` that `user` may see (all boroughs for an admin):
    their first started episode, or a referral in the range when they started nowhere; each
    annotated with jdl_consent_given, the young person's latest Justice Data Lab decision
    (None when none is recorded: the rule of ConsentQuerySet.current(), as a subquery)."""
    latest_decision = (
        Consent.objects.current()
        .filter(client=OuterRef("client_id"), scope=ConsentScope.JUSTICE_DATA_LAB)
        .values("given")[:1]
    )
    in_range = (cohort.index_from, cohort.index_to)
    started_anywhere = Case.objects.filter(client=OuterRef("client"), index_date__isnull=False)
    entered = is_first_episode() & Q(index_date__range=in_range)
    not_started = NOT_STARTED & Q(referral_date__range=in_range) & ~Exists(started_anywhere)
    cases = Case.objects.visible_to(user).filter(entered | not_started)
    if cohort.borough is not None:
        cases = cases.filter(borough=cohort.borough)
    return cases.annotate(jdl_consent_given=Subquery(latest_decision))


def cohort_counts(cohort: Cohort, user: User) -> CohortCounts:
    """The cohort's young people, those sent and those left out by reason, in one query. A
    young person not started is left out for that reason whatever their consent."""
    started = ~NOT_STARTED

    def people(condition=None):
        return Count("client", distinct=True, filter=condition)

    figures = cohort_cases(cohort, user).aggregate(
        cohort=people(),
        included=people(started & CONSENT_GIVEN),
        no_consent_recorded=people(started & NO_CONSENT_RECORDED),
        consent_withdrawn=people(started & CONSENT_WITHDRAWN),
        not_started=people(NOT_STARTED),
    )
    return CohortCounts(**figures)


def export_rows(cohort: Cohort, user: User) -> list[tuple]:
    """One row per young person sent, in HEADERS order, with the gender as its label; one
    query. The intervention starts at their first index date and ends on the last day of
    their support (blank while any started episode of theirs is open)."""
    episodes = Case.objects.filter(client=OuterRef("client"))
    still_open = episodes.filter(index_date__isnull=False, closure_date__isnull=True)
    last_closure = (
        episodes.order_by().values("client").annotate(last=Max("closure_date")).values("last")
    )
    support_end = CaseWhen(
        When(Exists(still_open), then=None),
        default=Subquery(last_closure[:1]),
        output_field=DateField(),
    )
    rows = (
        cohort_cases(cohort, user)
        .filter(~NOT_STARTED & CONSENT_GIVEN)
        .annotate(support_end=support_end)
        .order_by("client__last_name", "client__first_name", "index_date", "pk")
        .values_list(*ROW_FIELDS)
    )
    gender_index = ROW_FIELDS.index("client__gender")
    labelled = []
    for row in rows:
        row = list(row)
        row[gender_index] = Gender(row[gender_index]).label if row[gender_index] else ""
        labelled.append(tuple(row))
    return labelled
