"""Logging and correcting one-to-one sessions."""

from django.db import IntegrityError, transaction
from django.db.models import F, Min, OuterRef, QuerySet, Subquery

from casework.models import Session
from clients.models import Case
from sos.concurrency import save_versioned
from sos.models import User


def session_log(*, form, case: Case, logged_by: User) -> tuple[Session, bool]:
    """Save a new session from a valid form; returns (session, created).

    The form's submission token is unique in the table, so a double click or a resubmitted
    form returns the session the first submission saved instead of logging it twice, even
    when both requests arrive at once."""
    token = form.cleaned_data["submission_token"]
    try:
        with transaction.atomic():
            session = form.save(commit=False)
            session.case = case
            session.logged_by = logged_by
            session.submission_token = token
            session.save()
            form.save_m2m()
            case_start_from_sessions(case)
    except IntegrityError:
        existing = Session.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing, False
    return session, True


@transaction.atomic
def session_update(*, form) -> Session:
    """Correct a session, refusing the save if someone else changed it first."""
    session = save_versioned(form)
    case_start_from_sessions(session.case)
    return session


def case_start_from_sessions(case: Case) -> None:
    """Keep one case's index date true after its sessions changed (cases_start_from_sessions)."""
    cases_start_from_sessions(Case.objects.filter(pk=case.pk))


def cases_start_from_sessions(cases: QuerySet[Case]) -> int:
    """Keep the index date true (DOMAIN.md, "Index date"): for support that did not begin in
    custody it is the date of the first attended session. Support through the gate starts on
    release, which the caseworker records on the case itself. One UPDATE however many cases
    (an import touches hundreds); returns how many changed."""
    first_attended = Subquery(
        Session.objects.attended()
        .filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(first=Min("date"))
        .values("first")
    )
    stale = (
        cases.filter(in_custody_at_referral=False)
        .alias(first=first_attended)
        .filter(first__isnull=False)
        .exclude(index_date=F("first"))
    )
    return Case.objects.filter(pk__in=stale.values("pk")).update(
        index_date=first_attended, version=F("version") + 1
    )


def next_action_done(*, session: Session) -> None:
    """Tick off a session's next action so it leaves the caseworker's list."""
    session.next_action_done = True
    session.save(update_fields=["next_action_done", "updated_at"])
