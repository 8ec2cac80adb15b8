"""Outcomes achieved for a case, and a manager's verification of them."""

from django.utils import timezone

from casework.models import Outcome
from clients.models import Case
from sos.models import User


def outcome_record(*, form, case: Case, recorded_by: User) -> Outcome:
    """Save an outcome for `case` from a valid form, unverified."""
    outcome = form.save(commit=False)
    outcome.case = case
    outcome.recorded_by = recorded_by
    outcome.save()
    return outcome


def outcome_verify(*, outcome: Outcome, verified_by: User) -> bool:
    """Mark `outcome` verified by `verified_by` now; False when someone already had, in which
    case their verification stands (one conditional UPDATE, so two at once cannot both win)."""
    return bool(
        Outcome.objects.filter(pk=outcome.pk, verified_by__isnull=True).update(
            verified_by=verified_by, verified_at=timezone.now()
        )
    )
