"""A support episode, from referral to closure. Reopening support is a new Case."""

from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clients.models.client import Client
from clients.models.reference import ClosureReason, ReferralSource
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough
from sos.text_search import text_search_index


class CaseStatus(models.TextChoices):
    REFERRED = "referred", "Referred"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


def status_expression(prefix: str = "", *, on: date):
    """SQL for a case's status on a day, from its dates alone (the same rule as Case.status_on).

    `prefix` points from the queried model to the case's date fields (for example "current_").
    """
    closed = Q(**{f"{prefix}closure_date__lte": on})
    started = Q(**{f"{prefix}index_date__lte": on})
    return models.Case(
        models.When(closed, then=models.Value(CaseStatus.CLOSED)),
        models.When(started, then=models.Value(CaseStatus.ACTIVE)),
        default=models.Value(CaseStatus.REFERRED),
        output_field=models.CharField(),
    )


# Session.attendance for a session that took place (casework.models.Attendance.ATTENDED);
# clients never imports casework, which builds on it.
ATTENDED = "attended"


def no_contact_cutoff(today: date) -> date:
    """The last day a case's latest contact may fall on for it to count as without contact:
    NO_CONTACT_FLAG_DAYS before `today` (the one setting for home, the manager's list, the
    Young people filter and the emails)."""
    return today - timedelta(days=settings.NO_CONTACT_FLAG_DAYS)


def without_contact_q(prefix: str = "", *, today: date) -> Q:
    """The no-contact rule as SQL: an open case whose last attended session, or its referral
    when there has been none, is NO_CONTACT_FLAG_DAYS or more before `today`. `prefix` as in
    status_expression; the query must have `<prefix>last_contact` annotated."""
    cutoff = no_contact_cutoff(today)
    return Q(**{f"{prefix}closure_date__isnull": True}) & (
        Q(**{f"{prefix}last_contact__lte": cutoff})
        | Q(**{f"{prefix}last_contact__isnull": True, f"{prefix}referral_date__lte": cutoff})
    )


class CaseQuerySet(BoroughScopedQuerySet):
    # A case is seen by whoever can see its client (the client's current borough).
    borough_lookup = "client__borough"

    def open(self):
        """Cases not yet closed."""
        return self.filter(closure_date__isnull=True)

    def with_last_contact(self):
        """Annotate each case with the date of its last attended session (None if never)."""
        return self.annotate(
            last_contact=models.Max("sessions__date", filter=Q(sessions__attendance=ATTENDED))
        )

    def without_contact(self, *, today: date):
        """Open cases without contact for NO_CONTACT_FLAG_DAYS (without_contact_q), with
        their last contact."""
        return self.with_last_contact().filter(without_contact_q(today=today))

    def active_between(self, first: date, last: date):
        """Cases active at any point from `first` to `last` inclusive: started by `last` and not
        ended before `first` (DOMAIN.md, monthly return figure 3)."""
        return self.filter(index_date__lte=last).filter(
            Q(closure_date__isnull=True) | Q(closure_date__gte=first)
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Case(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The borough this support is delivered in and counted for in returns.",
    )
    referral_date = models.DateField()
    referral_source = models.ForeignKey(ReferralSource, on_delete=models.PROTECT)
    referrer = models.CharField(
        "referred by", max_length=200, blank=True, help_text="Name, role and organisation."
    )
    referral_reason = models.TextField("reason for referral", blank=True)
    in_custody_at_referral = models.BooleanField(default=False)
    establishment = models.CharField(
        "custodial establishment", max_length=200, blank=True, help_text="Prison or YOI."
    )
    expected_release_date = models.DateField(null=True, blank=True)
    index_date = models.DateField(
        "start of support (index date)",
        null=True,
        blank=True,
        help_text=(
            "The first attended session, or the release date when support began in custody. "
            "Reoffending is measured from this date."
        ),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text="The allocated caseworker.",
    )
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.ForeignKey(
        ClosureReason, on_delete=models.PROTECT, null=True, blank=True
    )
    closure_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [
            models.Index(fields=["client", "-referral_date"]),
            models.Index(fields=["borough", "referral_date"]),
            models.Index(fields=["borough", "index_date"]),
            models.Index(fields=["caseworker", "closure_date"]),
            # Active in a month (closure_date IS NULL OR >= its first day), closures in a month,
            # outcome rates: a bitmap OR on this index reads only cases still open or closed
            # since, not ten years of history (EXPLAIN on 50,000 clients: bench/results.md).
            models.Index(fields=["closure_date"], name="case_closure_date"),
            text_search_index("referral_reason", "closure_notes", name="case_text_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True)
                | Q(closure_date__gte=models.F("referral_date")),
                name="case_closed_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(index_date__isnull=True) | Q(index_date__gte=models.F("referral_date")),
                name="case_started_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | Q(closure_reason__isnull=False),
                name="case_closure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Support from {self.referral_date:%-d %b %Y}"

    def status_on(self, day: date) -> str:
        """Referred until the index date, active from it, closed from the closure date."""
        if self.closure_date and self.closure_date <= day:
            return CaseStatus.CLOSED
        if self.index_date and self.index_date <= day:
            return CaseStatus.ACTIVE
        return CaseStatus.REFERRED

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return CaseStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.closure_date is None

    @property
    def awaits_start(self) -> bool:
        """Referred and neither started nor closed: "Start support" applies."""
        return self.index_date is None and self.closure_date is None


class CurrentCase(models.Model):
    """Each young person's current case: their latest by referral date (the latest entered on
    a tie), the one the Young people list shows and filters by. Written only by the database:
    a trigger on cases (migration 0010) keeps it right after every insert, update and delete,
    bulk loads and raw SQL included, so a list joins one row per person instead of looking the
    case up once per column (issue 23.2). A person with no case has no row."""

    client = models.OneToOneField(
        Client, primary_key=True, on_delete=models.DO_NOTHING, related_name="current"
    )
    case = models.ForeignKey(Case, on_delete=models.DO_NOTHING, related_name="+")

    def __str__(self) -> str:
        return f"Current case of young person {self.client_id}"
