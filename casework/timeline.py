"""A client's timeline: sessions, outcomes, offences, goals, assessments and the milestones of
each support episode, newest first, one page at a time (issues 18.5 and 23.1).

Each kind of entry comes from its own table (a "source"). A page is the first `size` entries
after (or before) the key of an entry the user has seen, the key being (day, source, pk) in
descending order: every source is asked, in one query each, for its `size + 1` entries beyond
the key, and the merged list is cut to `size`. So a page costs the same number of queries and
rows for a client with 10 sessions or 1,000 (keyset, never OFFSET, as sos.keyset explains), and
the filters (kinds, a window of days) narrow each source's query."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from casework.models import Assessment, AssessmentScore, Goal, GoalReview, Outcome, Session
from clients.models import Case, Client, Offence
from sos.keyset import KeysetPage

PAGE_SIZE = 25

# The kinds a person can filter by, in the order the filter offers them.
KINDS = {
    "session": "Sessions",
    "outcome": "Outcomes",
    "goal": "Goals",
    "assessment": "Assessments",
    "offence": "Offences",
    "milestone": "Referral, start and close",
}


@dataclass(frozen=True)
class Entry:
    day: date
    kind: str  # one of KINDS
    title: str
    details: list[str] = field(default_factory=list)
    url: str = ""
    position: tuple = ()  # (day, source, pk): the order of the timeline, read backwards

    @property
    def key(self) -> str:
        day, source, pk = self.position
        return f"{day.isoformat()}_{source}_{pk}"


@dataclass(frozen=True)
class Source:
    """Where one kind of entry comes from: the client's rows, with the entry's day as the
    alias `day`, and how a row reads as an entry."""

    kind: str
    rows: Callable[[Client], QuerySet]
    entry: Callable[[object], Entry]


def _session_entry(session: Session) -> Entry:
    details = [session.length_and_attendance]
    if interventions := [str(kind) for kind in session.interventions.all()]:
        details.append("Interventions: " + ", ".join(interventions))
    if session.next_action:
        details.append(f"Next: {session.next_action}")
    details.append(f"Logged by {session.logged_by}")
    url = reverse("casework:session_detail", args=[session.pk])
    return Entry(session.date, "session", str(session), details, url)


def _outcome_entry(outcome: Outcome) -> Entry:
    checked = f"verified by {outcome.verified_by}" if outcome.verified_by else "not verified"
    return Entry(outcome.date, "outcome", str(outcome.outcome_type), [checked])


def _offence_entry(offence: Offence) -> Entry:
    details = [offence.get_outcome_display()]
    return Entry(offence.offence_date, "offence", f"Offence: {offence.category}", details)


def _goal_entry(goal: Goal) -> Entry:
    details = [f"{goal.pathway} · {goal.get_status_display()}"]
    url = reverse("casework:goal_review", args=[goal.pk])
    day = timezone.localdate(goal.created_at)
    return Entry(day, "goal", f"Goal set: {goal}", details, url)


def _review_entry(review: GoalReview) -> Entry:
    return Entry(review.date, "goal", f"Goal reviewed: {review.goal}", [str(review)])


def _assessment_entry(assessment: Assessment) -> Entry:
    details = [f"{score.domain}: {score.score}" for score in assessment.scores.all()]
    return Entry(assessment.date, "assessment", str(assessment), details)


def _cases(column: str) -> Callable[[Client], QuerySet]:
    def rows(client: Client) -> QuerySet:
        cases = client.cases.alias(day=F(column)).filter(day__isnull=False)
        return cases.select_related("closure_reason")

    return rows


def _sessions(client: Client) -> QuerySet:
    sessions = Session.objects.filter(case__client=client).alias(day=F("date"))
    return sessions.select_related("logged_by").prefetch_related("interventions")


def _outcomes(client: Client) -> QuerySet:
    outcomes = Outcome.objects.filter(case__client=client).alias(day=F("date"))
    return outcomes.select_related("outcome_type", "verified_by")


def _offences(client: Client) -> QuerySet:
    return client.offences.alias(day=F("offence_date")).select_related("category")


def _goals(client: Client) -> QuerySet:
    # The day a goal was set, in the local time zone, as the entry shows it.
    goals = Goal.objects.filter(case__client=client).alias(day=TruncDate("created_at"))
    return goals.select_related("pathway")


def _reviews(client: Client) -> QuerySet:
    reviews = GoalReview.objects.filter(goal__case__client=client).alias(day=F("date"))
    return reviews.select_related("goal")


def _assessments(client: Client) -> QuerySet:
    scores = Prefetch("scores", AssessmentScore.objects.select_related("domain"))
    assessments = Assessment.objects.filter(case__client=client).alias(day=F("date"))
    return assessments.prefetch_related(scores)


def _milestone(title: Callable[[Case], str], column: str) -> Callable[[Case], Entry]:
    return lambda case: Entry(getattr(case, column), "milestone", title(case))


# On one day, the later source in this list comes first (the order is read backwards).
SOURCES = [
    Source("milestone", _cases("referral_date"), _milestone(lambda _: "Referred", "referral_date")),
    Source(
        "milestone", _cases("index_date"), _milestone(lambda _: "Support started", "index_date")
    ),
    Source("offence", _offences, _offence_entry),
    Source("session", _sessions, _session_entry),
    Source("assessment", _assessments, _assessment_entry),
    Source("goal", _goals, _goal_entry),
    Source("goal", _reviews, _review_entry),
    Source("outcome", _outcomes, _outcome_entry),
    Source(
        "milestone",
        _cases("closure_date"),
        _milestone(lambda case: f"Support closed: {case.closure_reason}", "closure_date"),
    ),
]


def timeline_page(
    client: Client,
    *,
    kinds: set[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    after: str = "",
    before: str = "",
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page of `client`'s timeline (of `kinds`, all if None, dated `start` to `end`
    inclusive) just after the entry whose key is `after`, or just before `before`; the newest
    page if neither is given or the key does not parse."""
    backwards = bool(before) and not after
    key = _parse(before if backwards else after)
    if key is None:
        backwards = False
    entries = []
    for number, source in enumerate(SOURCES):
        if kinds is None or source.kind in kinds:
            rows = source.rows(client).filter(_window(start, end))
            if key is not None:
                rows = rows.filter(_beyond(number, key, backwards))
            rows = rows.order_by(*(("day", "pk") if backwards else ("-day", "-pk")))
            entries += [_placed(source.entry(row), number, row.pk) for row in rows[: size + 1]]
    entries.sort(key=lambda entry: entry.position, reverse=not backwards)
    further, entries = len(entries) > size, entries[:size]
    if backwards:
        entries.reverse()
    page = KeysetPage(entries)
    if entries:
        has_next, has_previous = (True, further) if backwards else (further, key is not None)
        page.next_key = entries[-1].key if has_next else None
        page.previous_key = entries[0].key if has_previous else None
    return page


def _placed(entry: Entry, source: int, pk: int) -> Entry:
    return replace(entry, position=(entry.day, source, pk))


def _window(start: date | None, end: date | None) -> Q:
    window = Q()
    if start:
        window &= Q(day__gte=start)
    if end:
        window &= Q(day__lte=end)
    return window


def _beyond(source: int, key: tuple, backwards: bool) -> Q:
    """This source's rows past `key` = (day, source, pk) in the timeline's order (descending
    on all three), or before it when paging `backwards`: a strictly later day, or the same day
    when this source sorts past the key's source, or the same source with a pk past it."""
    day, key_source, pk = key
    past = "gt" if backwards else "lt"
    if source == key_source:
        return Q(**{f"day__{past}": day}) | Q(day=day, **{f"pk__{past}": pk})
    same_day_past = source > key_source if backwards else source < key_source
    return Q(**{f"day__{past}e" if same_day_past else f"day__{past}": day})


def _parse(text: str) -> tuple | None:
    """The (day, source, pk) of a key from the query string, or None if it does not fit."""
    try:
        day, source, pk = text.split("_")
        key = (date.fromisoformat(day), int(source), int(pk))
    except ValueError:
        return None
    return key if 0 <= key[1] < len(SOURCES) else None


def distance_travelled(client: Client) -> list[tuple[str, int, int, int]]:
    """(domain, first score, latest score, change) across the client's assessments."""
    scores = (
        AssessmentScore.objects.filter(assessment__case__client=client)
        .select_related("domain")
        .order_by("assessment__date", "assessment__pk")
    )
    first: dict[str, int] = {}
    latest: dict[str, int] = {}
    for score in scores:
        first.setdefault(score.domain.name, score.score)
        latest[score.domain.name] = score.score
    return [(name, first[name], latest[name], latest[name] - first[name]) for name in first]
