"""Action-plan goals and their reviews."""

from django.db import transaction

from casework.models import Goal, GoalReview
from clients.models import Case
from sos.models import User


def goal_add(*, form, case: Case, created_by: User) -> Goal:
    """Save a new goal for `case` from a valid form."""
    goal = form.save(commit=False)
    goal.case = case
    goal.created_by = created_by
    goal.save()
    return goal


@transaction.atomic
def goal_review(*, form, goal: Goal, reviewed_by: User) -> GoalReview:
    """Save a review of `goal` and set the goal's status from its latest review by date, so a
    review entered late for an earlier date does not undo a newer one."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    review = form.save(commit=False)
    review.goal = goal
    review.reviewed_by = reviewed_by
    review.save()
    goal.status = goal.reviews.values_list("status", flat=True).first()  # newest first
    goal.save(update_fields=["status"])
    return review
