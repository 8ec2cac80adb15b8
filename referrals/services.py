"""Writes about partner referrals: issuing links, receiving a referral, and a manager's
decision on it. Each decision emails the partner a message that names no young person."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from clients import services as client_services
from clients.models import Case, Client
from referrals.models import (
    Attempt,
    AttemptOutcome,
    Partner,
    Submission,
    SubmissionStatus,
)
from sos.models import User

# Throttling, per rolling hour, counting every attempt (a form sent back with errors too): a
# partner's link sends a handful of referrals a day, and one address far fewer; anything above
# is a script or a leaked link.
THROTTLE_WINDOW = timedelta(hours=1)
PER_LINK_PER_HOUR = 20
PER_ADDRESS_PER_HOUR = 10


@transaction.atomic
def partner_create(*, form) -> tuple[Partner, str]:
    """Save a new partner with its first link; returns the partner and the link's token."""
    partner = form.save(commit=False)
    token = partner.new_token()
    partner.save()
    form.save_m2m()
    return partner, token


def partner_rotate(*, partner: Partner) -> str:
    """Replace the partner's link (the old one stops working at once) and reactivate it."""
    token = partner.new_token()
    partner.is_active = True
    partner.save(update_fields=["token_hash", "link_issued_at", "is_active"])
    return token


def partner_revoke(*, partner: Partner) -> None:
    """Stop the partner's link working; rotating issues a new one."""
    partner.is_active = False
    partner.save(update_fields=["is_active"])


def address_hash(address: str) -> str:
    """A keyed hash of the sender's address: enough to count repeats, not to name them."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def throttled(*, partner: Partner, address: str) -> bool:
    """Whether this link or this address has sent too many referrals in the last hour."""
    since = timezone.now() - THROTTLE_WINDOW
    recent = Attempt.objects.filter(at__gte=since)
    return (
        recent.filter(partner=partner).count() >= PER_LINK_PER_HOUR
        or recent.filter(address_hash=address_hash(address)).count() >= PER_ADDRESS_PER_HOUR
    )


@transaction.atomic
def submission_receive(
    *, partner: Partner, form, address: str, honeypot_filled: bool
) -> AttemptOutcome:
    """Record an attempt on a partner's link and, when it is a real referral within the limits,
    hold it for triage. Never reads or touches client records."""
    # One attempt at a time per partner, so two at once cannot both slip under the limit.
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    submission = None
    if throttled(partner=partner, address=address):
        outcome = AttemptOutcome.THROTTLED
    elif not form.is_valid():
        outcome = AttemptOutcome.INVALID
    elif honeypot_filled:
        outcome = AttemptOutcome.HONEYPOT
    else:
        submission = form.save(commit=False)
        submission.partner = partner
        submission.save()
        outcome = AttemptOutcome.RECEIVED
    Attempt.objects.create(
        partner=partner, address_hash=address_hash(address), outcome=outcome, submission=submission
    )
    return outcome


@transaction.atomic
def referral_accept(
    *, submission: Submission, client_form, referral_form, existing: Client | None, by: User
) -> Case:
    """Accept a referral through the clients' own referral service: a new young person and
    case, or a new case for the existing person the manager matched it to."""
    if existing is not None:
        case = client_services.case_open(client=existing, referral_form=referral_form)
    else:
        case = client_services.client_refer(client_form=client_form, referral_form=referral_form)
    submission.client = case.client
    submission.case = case
    _decide(submission, SubmissionStatus.ACCEPTED, by=by)
    return case


@transaction.atomic
def referral_ask(*, submission: Submission, note: str, by: User) -> None:
    """Ask the partner for more; the note stays with the team, the email names no one."""
    submission.manager_note = note
    _decide(submission, SubmissionStatus.MORE_INFO, by=by)


@transaction.atomic
def referral_decline(*, submission: Submission, reason: str, note: str, by: User) -> None:
    """Decline with one of the fixed reasons, which the partner is told."""
    submission.decline_reason = reason
    submission.manager_note = note
    _decide(submission, SubmissionStatus.DECLINED, by=by)


def _decide(submission: Submission, status: SubmissionStatus, *, by: User) -> None:
    submission.status = status
    submission.decided_by = by
    submission.decided_at = timezone.now()
    submission.save()
    partner = submission.partner
    body = render_to_string(
        "referrals/decision_email.txt", {"submission": submission, "partner": partner}
    )
    # Inside the transaction: a failed send rolls the decision back, so it can be made again.
    send_mail(
        f"SOS referral {submission.reference}: {submission.get_status_display().lower()}",
        body,
        None,
        [partner.contact_email],
    )
