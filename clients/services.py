"""Writes about young people that touch more than one row. The acting user is recorded by the
audit triggers (pghistory) and, where a record names its author, on the record itself."""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from clients.models import Case, Client, RiskFlag
from sos.models import User


@transaction.atomic
def client_refer(*, client_form, referral_form) -> Case:
    """Create a young person and their first support episode from a referral."""
    return case_open(client=client_form.save(), referral_form=referral_form)


@transaction.atomic
def case_open(*, client: Client, referral_form) -> Case:
    """Start a new support episode for a known young person (reopening is a new Case, so the
    history and figures of the earlier one stay true)."""
    case = referral_form.save(commit=False)
    case.client = client
    case.borough = client.borough
    case.save()
    return case


def case_start(*, case: Case, index_date: date) -> bool:
    """Start support on `case` from `index_date`, unless it has started or closed meanwhile:
    one conditional UPDATE, so a double click or two people at once start it once, with the
    first date. Returns whether this call started it."""
    started = Case.objects.filter(pk=case.pk, index_date__isnull=True, closure_date__isnull=True)
    return started.update(index_date=index_date, version=F("version") + 1) == 1


def record_for_client(*, form, client: Client, recorded_by: User):
    """Save an offence, consent decision or risk flag about `client`, naming its author."""
    record = form.save(commit=False)
    record.client = client
    record.recorded_by = recorded_by
    record.save()
    return record


def justice_event_record(*, form, recorded_by: User):
    """Save an event of one of a client's offences (the form offers only theirs)."""
    event = form.save(commit=False)
    event.recorded_by = recorded_by
    event.save()
    return event


def risk_flag_clear(*, flag: RiskFlag) -> None:
    """Mark a concern as no longer current; it stays in the history."""
    flag.cleared_on = timezone.localdate()
    flag.save(update_fields=["cleared_on"])
