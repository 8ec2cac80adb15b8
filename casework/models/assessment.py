"""Distance travelled: scores from 1 to 10 on admin-defined domains at intake, reviews and
exit. The client's timeline shows the change from the first assessment to the latest."""

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from casework.models.reference import AssessmentDomain
from clients.models import Case
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta


class AssessmentStage(models.TextChoices):
    INTAKE = "intake", "Intake"
    REVIEW = "review", "Review"
    EXIT = "exit", "Exit"


class AssessmentQuerySet(BoroughScopedQuerySet):
    borough_lookup = "case__client__borough"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Assessment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    date = models.DateField()
    stage = models.CharField(max_length=10, choices=AssessmentStage.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} assessment, {self.date:%-d %b %Y}"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(AssessmentDomain, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        ordering = ["domain__sort_order", "domain__name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1) & models.Q(score__lte=10),
                name="score_from_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"
