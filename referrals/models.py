"""Referrals from partner agencies: the partners, their secret links, and the holding table a
referral waits in until a manager of its borough decides on it (issue 21)."""

import hashlib
import secrets

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone

from clients.models import Case, Client
from clients.models.client import Ethnicity, Gender
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough

# 32 random bytes: the link cannot be guessed, and only its hash is stored, so a copy of the
# database (or a backup) does not hold working links.
TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerKind(models.TextChoices):
    PRISON = "prison", "Prison or YOI"
    YOT = "yot", "Youth offending team"
    PROBATION = "probation", "Probation"
    POLICE = "police", "Police"
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    PRU = "pru", "Pupil referral unit"
    OTHER = "other", "Other"


class PartnerQuerySet(models.QuerySet):
    def by_token(self, token: str):
        """The active partner whose link carries `token`, or None (revoked, rotated, unknown)."""
        if not token or len(token) > 100:
            return None
        partner = self.filter(is_active=True, token_hash=token_hash(token)).first()
        # The lookup is by hash, so its timing says nothing about the token; compared again
        # in constant time all the same.
        if partner and secrets.compare_digest(partner.token_hash, token_hash(token)):
            return partner
        return None


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), meta=event_meta())
class Partner(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    boroughs = models.ManyToManyField(
        Borough, related_name="partners", help_text="The boroughs this partner refers into."
    )
    contact_email = models.EmailField(help_text="Decisions on their referrals are emailed here.")
    is_active = models.BooleanField(default=True, help_text="Only an active partner's link works.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    link_issued_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def new_token(self) -> str:
        """Give the partner a new link, replacing the old one; the token is returned once and
        never stored."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.token_hash = token_hash(token)
        self.link_issued_at = timezone.now()
        return token


class ConsentBasis(models.TextChoices):
    AGREED = "agreed", "The young person agreed to be referred"
    PARENT = "parent", "Their parent or carer agreed (under 16)"
    NOT_ASKED = "not_asked", "Not yet asked (the team will ask before any contact)"


class SubmissionStatus(models.TextChoices):
    NEW = "new", "Waiting for a decision"
    MORE_INFO = "more_info", "More information asked for"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class DeclineReason(models.TextChoices):
    """Named in the email to the partner, so a fixed list: no free text leaves the project."""

    OUT_OF_AREA = "out_of_area", "Outside the boroughs we work in"
    OUT_OF_AGE = "out_of_age", "Outside the age range we work with"
    NOT_ELIGIBLE = "not_eligible", "Not the kind of support we give"
    NO_CONSENT = "no_consent", "The young person did not agree"
    ALREADY_SUPPORTED = "already_supported", "Already supported by another service"


class SubmissionQuerySet(BoroughScopedQuerySet):
    borough_lookup = "borough"

    def waiting(self):
        """Referrals not yet accepted or declined."""
        return self.filter(status__in=[SubmissionStatus.NEW, SubmissionStatus.MORE_INFO])


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Submission(models.Model):
    """A referral as the partner sent it: never a client record until a manager accepts it."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="submissions")
    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, related_name="+", help_text="Where they live."
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=20, choices=Gender.choices)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices)
    phone = models.CharField("their phone", max_length=30, blank=True)
    address = models.CharField("their address", max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    pnc_id = models.CharField("PNC ID", max_length=20, blank=True)
    prison_number = models.CharField(max_length=10, blank=True)
    in_custody = models.BooleanField("in custody now", default=False)
    establishment = models.CharField("prison or YOI", max_length=200, blank=True)
    expected_release_date = models.DateField(null=True, blank=True)
    reason = models.TextField("why you are referring them", max_length=3000)
    known_risks = models.TextField("risks you know of", max_length=3000, blank=True)
    referrer_name = models.CharField("your name", max_length=200)
    referrer_role = models.CharField("your role", max_length=200)
    referrer_email = models.EmailField("your email", max_length=254)
    referrer_phone = models.CharField("your phone", max_length=30, blank=True)
    consent_basis = models.CharField(
        "did they agree to this referral?", max_length=20, choices=ConsentBasis.choices
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(max_length=30, choices=DeclineReason.choices, blank=True)
    manager_note = models.TextField(
        "note for the team", max_length=2000, blank=True, help_text="Never sent to the partner."
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The case accepting it opened: the monthly return counts that referral under the
    # partner's kind (figure 1's breakdown), whatever referral source the manager chose.
    case = models.OneToOneField(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_submission",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["borough", "status"])]

    def __str__(self) -> str:
        return f"Referral R-{self.pk}"

    @property
    def reference(self) -> str:
        """What the partner and the team call this referral; names no one."""
        return f"R-{self.pk}"


class AttemptOutcome(models.TextChoices):
    RECEIVED = "received", "Received"
    INVALID = "invalid", "Refused: form errors"
    HONEYPOT = "honeypot", "Dropped: honeypot filled"
    THROTTLED = "throttled", "Refused: too many"


class Attempt(models.Model):
    """Every POST to a referral link, kept as evidence and counted for throttling. The address
    is kept only as a keyed hash, enough to count repeats, not to say who sent it."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="attempts")
    at = models.DateTimeField(auto_now_add=True)
    address_hash = models.CharField(max_length=64)
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    submission = models.ForeignKey(
        Submission, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["partner", "at"]),
            models.Index(fields=["address_hash", "at"]),
        ]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.partner_id}'s link at {self.at:%c}"
