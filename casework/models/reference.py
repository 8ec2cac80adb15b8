"""Reference data admins edit: pathways, intervention and outcome types, assessment domains.
Seeded by migration 0002."""

from django.db import models

from sos.models import ReferenceData, reference_history


@reference_history()
class Pathway(ReferenceData):
    """One of the reducing-reoffending pathways (DOMAIN.md): the groups interventions sit in."""


@reference_history()
class InterventionType(ReferenceData):
    """A kind of help given under a pathway: CV workshop, housing application, ..."""

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="types")

    class Meta(ReferenceData.Meta):
        ordering = ["pathway__sort_order", "sort_order", "name"]


class OutcomeCategory(models.TextChoices):
    EMPLOYMENT = "employment", "Employment"
    EDUCATION = "education", "Education and training"
    QUALIFICATION = "qualification", "Qualification"
    ACCOMMODATION = "accommodation", "Accommodation"
    GANG_EXIT = "gang_exit", "Gang exit"
    FAMILY = "family", "Family"
    HEALTH = "health", "Health"
    JUSTICE = "justice", "Justice"
    OTHER = "other", "Other"


@reference_history()
class OutcomeType(ReferenceData):
    """Something achieved (or lost) that the return counts: entered employment, ..."""

    category = models.CharField(max_length=20, choices=OutcomeCategory.choices)
    is_positive = models.BooleanField("positive outcome", default=True)


class AssessmentDomain(ReferenceData):
    """A dimension of distance travelled, scored 1 to 10: confidence, safety, ..."""
