"""Distance-travelled assessments."""

from django.db import transaction

from casework.models import Assessment, AssessmentScore
from clients.models import Case
from sos.models import User


@transaction.atomic
def assessment_record(*, form, case: Case, assessed_by: User) -> Assessment:
    """Save an assessment of `case` and its score on every domain the form asked about."""
    assessment = form.save(commit=False)
    assessment.case = case
    assessment.assessed_by = assessed_by
    assessment.save()
    AssessmentScore.objects.bulk_create(
        AssessmentScore(assessment=assessment, domain=domain, score=score)
        for domain, score in form.scores().items()
    )
    return assessment
