from casework.models.assessment import Assessment, AssessmentScore, AssessmentStage
from casework.models.goal import Goal, GoalReview, GoalStatus
from casework.models.group import GroupSession, GroupSetting
from casework.models.outcome import Outcome
from casework.models.reference import (
    AssessmentDomain,
    InterventionType,
    OutcomeCategory,
    OutcomeType,
    Pathway,
)
from casework.models.session import Attendance, ContactType, Session, SessionIntervention

__all__ = [
    "Assessment",
    "AssessmentDomain",
    "AssessmentScore",
    "AssessmentStage",
    "Attendance",
    "ContactType",
    "Goal",
    "GoalReview",
    "GoalStatus",
    "GroupSession",
    "GroupSetting",
    "InterventionType",
    "Outcome",
    "OutcomeCategory",
    "OutcomeType",
    "Pathway",
    "Session",
    "SessionIntervention",
]
