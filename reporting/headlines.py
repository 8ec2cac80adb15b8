"""The headline figures of the return: the few a contract sets targets for and a manager
reads first. Each is one additive monthly figure (a count or minutes), so a year to date is
the sum of its months, and each is counted per borough, per month, in one grouped query
(reporting.summary)."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from casework.models import Attendance, GroupSession, Outcome, OutcomeCategory, Session
from clients.models import Case


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    unit: str  # "count", or "minutes" (targets and figures shown in hours)
    date_field: str
    borough_field: str
    drilldown: str = ""  # the return_records query that lists the records behind it

    def records(self) -> QuerySet:
        return RECORDS[self.key]()

    def measure(self):
        return MEASURES[self.key]


ETE = [OutcomeCategory.EMPLOYMENT, OutcomeCategory.EDUCATION, OutcomeCategory.QUALIFICATION]

HEADLINES = [
    Headline("new_starts", "Young people starting support", "count", "index_date", "borough",
             "figure=new_starts"),
    Headline("hours", "Hours worked with and for young people", "minutes", "date",
             "case__borough", "figure=sessions&detail=worked"),
    Headline("ete_outcomes", "Education, training and employment outcomes", "count", "date",
             "case__borough", "figure=ete_outcomes"),
    Headline("accommodation_outcomes", "Accommodation outcomes", "count", "date",
             "case__borough", "figure=accommodation_outcomes"),
    Headline("workshops", "SOS+ workshops", "count", "date", "borough"),
]  # fmt: skip
BY_KEY = {headline.key: headline for headline in HEADLINES}
CHOICES = [(headline.key, headline.label) for headline in HEADLINES]

RECORDS = {
    "new_starts": lambda: Case.objects.all(),
    "hours": lambda: Session.objects.filter(attendance=Attendance.ATTENDED),
    "ete_outcomes": lambda: Outcome.objects.filter(
        outcome_type__category__in=ETE, outcome_type__is_positive=True
    ),
    "accommodation_outcomes": lambda: Outcome.objects.filter(
        outcome_type__category=OutcomeCategory.ACCOMMODATION, outcome_type__is_positive=True
    ),
    "workshops": lambda: GroupSession.objects.all(),
}
MEASURES = {
    "new_starts": Count("client", distinct=True),
    "hours": Sum("duration_minutes"),
    "ete_outcomes": Count("pk"),
    "accommodation_outcomes": Count("pk"),
    "workshops": Count("pk"),
}
