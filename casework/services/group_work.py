"""Logging SOS+ group work."""

from django.db import IntegrityError, transaction

from casework.models import GroupSession
from sos.models import User


def group_session_log(*, form, logged_by: User) -> tuple[GroupSession, bool]:
    """Save new group work from a valid form; returns (group session, created).

    As with one-to-one sessions, the form's submission token is unique in the table, so a
    double click or a resubmitted form returns the row the first submission saved."""
    token = form.cleaned_data["submission_token"]
    try:
        with transaction.atomic():
            group_session = form.save(commit=False)
            group_session.logged_by = logged_by
            group_session.submission_token = token
            group_session.save()
            form.save_m2m()
    except IntegrityError:
        existing = GroupSession.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing, False
    return group_session, True
