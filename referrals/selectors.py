"""Figures about partner referrals, computed by the database."""

from datetime import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max

from referrals.models import Submission, SubmissionStatus

SECONDS_A_DAY = 86_400
WAIT = ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())


def decision_times(user, *, since: datetime) -> dict:
    """For the referrals `user` may see that were accepted or declined since `since`: how many,
    and the average and longest time from the partner sending one to the final decision
    (asking for more is not a decision), in days to one decimal place."""
    figures = (
        Submission.objects.visible_to(user)
        .filter(
            status__in=[SubmissionStatus.ACCEPTED, SubmissionStatus.DECLINED],
            decided_at__gte=since,
        )
        .aggregate(decided=Count("pk"), average=Avg(WAIT), longest=Max(WAIT))
    )
    for key in ("average", "longest"):
        wait = figures[key]
        figures[key] = None if wait is None else round(wait.total_seconds() / SECONDS_A_DAY, 1)
    return figures
