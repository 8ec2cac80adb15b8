"""Action-plan goals for a case, each under a pathway, with dated reviews."""

import pghistory
from django.conf import settings
from django.db import models

from casework.models.reference import Pathway
from clients.models import Case
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.text_search import text_search_index


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    DROPPED = "dropped", "Dropped"


class GoalQuerySet(BoroughScopedQuerySet):
    borough_lookup = "case__client__borough"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Goal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="goals")
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT)
    description = models.CharField(max_length=300)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["status", "target_date", "pk"]
        indexes = [text_search_index("description", name="goal_text_search")]

    def __str__(self) -> str:
        return self.description


class GoalReviewQuerySet(BoroughScopedQuerySet):
    borough_lookup = "goal__case__client__borough"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class GoalReview(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    status = models.CharField("status after this review", max_length=20, choices=GoalStatus.choices)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = GoalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [text_search_index("note", name="goalreview_text_search")]

    def __str__(self) -> str:
        return f"Review on {self.date:%-d %b %Y}: {self.get_status_display()}"
