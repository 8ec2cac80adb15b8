"""A client's timeline: sessions, outcomes, offences, goals, assessments and the milestones of
each support episode, newest first, from one query per kind."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse

from casework.models import Assessment, AssessmentScore, Goal, GoalReview, Outcome, Session
from clients.models import Client


@dataclass(frozen=True)
class Entry:
    day: date
    kind: str  # session, outcome, offence, goal, assessment, milestone
    title: str
    details: list[str] = field(default_factory=list)
    url: str = ""


def client_timeline(client: Client) -> list[Entry]:
    entries = [
        *_milestones(client),
        *_sessions(client),
        *_outcomes(client),
        *_offences(client),
        *_goals(client),
        *_assessments(client),
    ]
    return sorted(entries, key=lambda entry: entry.day, reverse=True)


def _milestones(client: Client):
    for case in client.cases.select_related("closure_reason"):
        yield Entry(case.referral_date, "milestone", "Referred")
        if case.index_date:
            yield Entry(case.index_date, "milestone", "Support started")
        if case.closure_date:
            yield Entry(case.closure_date, "milestone", f"Support closed: {case.closure_reason}")


def _sessions(client: Client):
    sessions = (
        Session.objects.filter(case__client=client)
        .select_related("logged_by")
        .prefetch_related("interventions")
    )
    for session in sessions:
        details = [session.length_and_attendance]
        if interventions := [str(kind) for kind in session.interventions.all()]:
            details.append("Interventions: " + ", ".join(interventions))
        if session.next_action:
            details.append(f"Next: {session.next_action}")
        details.append(f"Logged by {session.logged_by}")
        yield Entry(
            session.date,
            "session",
            str(session),
            details,
            reverse("casework:session_detail", args=[session.pk]),
        )


def _outcomes(client: Client):
    outcomes = Outcome.objects.filter(case__client=client).select_related(
        "outcome_type", "verified_by"
    )
    for outcome in outcomes:
        checked = f"verified by {outcome.verified_by}" if outcome.verified_by else "not verified"
        yield Entry(outcome.date, "outcome", str(outcome.outcome_type), [checked])


def _offences(client: Client):
    for offence in client.offences.select_related("category"):
        yield Entry(
            offence.offence_date,
            "offence",
            f"Offence: {offence.category}",
            [offence.get_outcome_display()],
        )


def _goals(client: Client):
    reviews = Prefetch("reviews", GoalReview.objects.order_by("date", "pk"))
    goals = (
        Goal.objects.filter(case__client=client).select_related("pathway").prefetch_related(reviews)
    )
    for goal in goals:
        review_url = reverse("casework:goal_review", args=[goal.pk])
        yield Entry(
            goal.created_at.date(),
            "goal",
            f"Goal set: {goal}",
            [f"{goal.pathway} · {goal.get_status_display()}"],
            review_url,
        )
        for review in goal.reviews.all():
            yield Entry(review.date, "goal", f"Goal reviewed: {goal}", [str(review)])


def _assessments(client: Client):
    scores = Prefetch("scores", AssessmentScore.objects.select_related("domain"))
    for assessment in Assessment.objects.filter(case__client=client).prefetch_related(scores):
        details = [f"{score.domain}: {score.score}" for score in assessment.scores.all()]
        yield Entry(assessment.date, "assessment", str(assessment), details)


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
