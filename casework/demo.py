"""Demo casework for the demo young people: roughly weekly sessions while support is active
(some missed or cancelled), group work in every borough, goals with reviews, assessments at
intake, review and exit, and outcomes. Synthetic, seeded, and idempotent."""

import random
from datetime import date, timedelta

from django.utils import timezone

from casework.models import (
    Assessment,
    AssessmentDomain,
    AssessmentScore,
    AssessmentStage,
    Attendance,
    ContactType,
    Goal,
    GoalReview,
    GoalStatus,
    GroupSession,
    GroupSetting,
    InterventionType,
    Outcome,
    OutcomeType,
    Pathway,
    Session,
    SessionIntervention,
)
from casework.models.session import MAX_SESSION_MINUTES
from clients.models import Case
from sos.models import Borough, Role, User

SEED = 2006
GROUP_SESSIONS_PER_BOROUGH_MONTH = 2
CONTACT_TYPES = [
    (ContactType.FACE_TO_FACE, 55),
    (ContactType.PHONE_OR_VIDEO, 20),
    (ContactType.HOME_VISIT, 10),
    (ContactType.PRISON_VISIT, 5),
    (ContactType.COURT, 4),
    (ContactType.AGENCY_MEETING, 6),
]
ATTENDANCE = [(Attendance.ATTENDED, 85), (Attendance.DID_NOT_ATTEND, 11), (Attendance.CANCELLED, 4)]
DURATIONS = [30, 45, 60, 60, 90, 120]


def seed(out) -> None:
    if Session.objects.exists():
        out.write(f"Sessions: {Session.objects.count()} already there")
        return
    rng = random.Random(SEED)  # noqa: S311 (demo data, not crypto)
    DemoCasework(rng, timezone.localdate()).create()
    out.write(
        f"Sessions: {Session.objects.count()}, group sessions: {GroupSession.objects.count()}, "
        f"outcomes: {Outcome.objects.count()}"
    )


def weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


class DemoCasework:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.types = list(InterventionType.objects.all())
        self.pathways = list(Pathway.objects.all())
        self.outcome_types = list(OutcomeType.objects.all())
        self.positive = [kind for kind in self.outcome_types if kind.is_positive]
        self.domains = list(AssessmentDomain.objects.all())
        self.fallback = User.objects.filter(role=Role.ADMIN).first()
        self.manager = User.objects.filter(role=Role.MANAGER).first() or self.fallback

    def create(self) -> None:
        cases = list(Case.objects.filter(index_date__isnull=False).select_related("client"))
        sessions, chosen = [], []
        goals, outcomes, assessments = [], [], []
        for case in cases:
            for session, interventions in self.make_sessions(case):
                sessions.append(session)
                chosen.append(interventions)
            goals += self.make_goals(case)
            outcomes += self.make_outcomes(case)
            assessments += self.make_assessments(case)
        Session.objects.bulk_create(sessions, batch_size=5000)
        SessionIntervention.objects.bulk_create(
            (
                SessionIntervention(session=session, intervention_type=kind)
                for session, kinds in zip(sessions, chosen, strict=True)
                for kind in kinds
            ),
            batch_size=5000,
        )
        Goal.objects.bulk_create(goal for goal, _reviews in goals)
        GoalReview.objects.bulk_create(review for _goal, reviews in goals for review in reviews)
        Outcome.objects.bulk_create(outcomes)
        Assessment.objects.bulk_create(assessment for assessment, _scores in assessments)
        AssessmentScore.objects.bulk_create(
            score for _assessment, scores in assessments for score in scores
        )
        groups = GroupSession.objects.bulk_create(self.make_group_sessions())
        GroupSession.facilitators.through.objects.bulk_create(
            GroupSession.facilitators.through(groupsession=group, user=group.logged_by)
            for group in groups
        )

    def end_of(self, case: Case) -> date:
        return case.closure_date or self.today

    def make_sessions(self, case: Case):
        """Roughly weekly from the index date to closure (or today)."""
        worker = case.caseworker or self.fallback
        day, end = case.index_date, self.end_of(case)
        while day <= end:
            attendance = weighted(self.rng, ATTENDANCE)
            if day == case.index_date:
                attendance = Attendance.ATTENDED  # the index date is the first attended session
            kinds = []
            if attendance == Attendance.ATTENDED:
                kinds = self.rng.sample(self.types, self.rng.choice([0, 1, 1, 2, 2, 3]))
            due = day + timedelta(days=7)
            session = Session(
                case=case,
                date=day,
                duration_minutes=min(self.rng.choice(DURATIONS), MAX_SESSION_MINUTES),
                contact_type=weighted(self.rng, CONTACT_TYPES),
                attendance=attendance,
                location="Demo location",
                notes="Demo notes.",
                next_action="Follow up" if attendance == Attendance.ATTENDED else "",
                next_action_due=due if attendance == Attendance.ATTENDED else None,
                next_action_done=due < self.today - timedelta(days=3),
                logged_by=worker,
            )
            yield session, kinds
            day += timedelta(days=self.rng.randint(5, 10))

    def make_goals(self, case: Case):
        worker = case.caseworker or self.fallback
        goals = []
        for pathway in self.rng.sample(self.pathways, self.rng.randint(1, 3)):
            goal = Goal(
                case=case,
                pathway=pathway,
                description=f"Demo goal: progress on {pathway.name.lower()}",
                target_date=case.index_date + timedelta(days=self.rng.randint(60, 240)),
                status=GoalStatus.IN_PROGRESS,
                created_by=worker,
            )
            review_day = case.index_date + timedelta(days=self.rng.randint(30, 120))
            reviews = []
            if review_day <= self.end_of(case):
                goal.status = self.rng.choice(list(GoalStatus))
                reviews.append(
                    GoalReview(goal=goal, date=review_day, status=goal.status, reviewed_by=worker)
                )
            goals.append((goal, reviews))
        return goals

    def make_outcomes(self, case: Case) -> list[Outcome]:
        end = self.end_of(case)
        outcomes = []
        count = self.rng.choice([0, 0, 1, 1, 2, 3]) if (end - case.index_date).days > 60 else 0
        for _ in range(count):
            kind = self.rng.choice(
                self.positive if self.rng.random() < 0.85 else self.outcome_types
            )
            day = case.index_date + timedelta(
                days=self.rng.randint(30, (end - case.index_date).days)
            )
            verified = self.rng.random() < 0.7
            outcomes.append(
                Outcome(
                    case=case,
                    outcome_type=kind,
                    date=day,
                    evidence="Demo evidence.",
                    recorded_by=case.caseworker or self.fallback,
                    verified_by=self.manager if verified else None,
                    verified_at=timezone.now() if verified else None,
                )
            )
        return outcomes

    def make_assessments(self, case: Case):
        worker = case.caseworker or self.fallback
        stages = [(AssessmentStage.INTAKE, case.index_date)]
        middle = case.index_date + timedelta(days=90)
        if middle <= self.end_of(case):
            stages.append((AssessmentStage.REVIEW, middle))
        if case.closure_date:
            stages.append((AssessmentStage.EXIT, case.closure_date))
        results = []
        start_scores = {domain.pk: self.rng.randint(2, 6) for domain in self.domains}
        for step, (stage, day) in enumerate(stages):
            assessment = Assessment(case=case, date=day, stage=stage, assessed_by=worker)
            scores = [
                AssessmentScore(
                    assessment=assessment,
                    domain=domain,
                    score=max(1, min(10, start_scores[domain.pk] + step * self.rng.randint(0, 2))),
                )
                for domain in self.domains
            ]
            results.append((assessment, scores))
        return results

    def make_group_sessions(self):
        start = self.today - timedelta(days=3 * 365)
        for borough in Borough.objects.filter(is_active=True):
            staff = list(borough.staff.filter(is_active=True)) or [self.fallback]
            day = start
            while day <= self.today:
                for _ in range(GROUP_SESSIONS_PER_BOROUGH_MONTH):
                    setting = self.rng.choice(list(GroupSetting))
                    held = day + timedelta(days=self.rng.randint(0, 27))
                    if held > self.today:
                        continue
                    yield GroupSession(
                        borough=borough,
                        setting_type=setting,
                        setting_name=f"Demo {setting.label.lower()} in {borough.name}",
                        date=held,
                        duration_minutes=self.rng.choice([60, 90, 120]),
                        participants=self.rng.randint(6, 30),
                        age_range=self.rng.choice(["11-13", "13-15", "14-16", "16-18"]),
                        topic="Demystifying gangs",
                        logged_by=self.rng.choice(staff),
                    )
                day += timedelta(days=30)
