"""A session: one piece of one-to-one work for a case, and the hours every return counts."""

import uuid

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from casework.models.borough_copy import takes_its_borough
from casework.models.reference import InterventionType
from clients.models import Case
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough
from sos.text_search import text_search_index

MAX_SESSION_MINUTES = 12 * 60


class ContactType(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE_OR_VIDEO = "phone_video", "Phone or video"
    PRISON_VISIT = "prison_visit", "Prison visit"
    COURT = "court", "Court"
    HOME_VISIT = "home_visit", "Home visit"
    AGENCY_MEETING = "agency", "Meeting with an agency (client absent)"


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "dna", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


class SessionQuerySet(BoroughScopedQuerySet):
    borough_lookup = "case__client__borough"

    def attended(self):
        return self.filter(attendance=Attendance.ATTENDED)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    # The borough copy is the database's, not a change anyone made.
    exclude=["borough"],
    meta=event_meta(),
)
class Session(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    # Empty for a session that did not go ahead (did not attend, cancelled): it has no length,
    # and only attended sessions count as hours (DOMAIN.md figure 5).
    duration_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)],
    )
    contact_type = models.CharField(
        max_length=20, choices=ContactType.choices, default=ContactType.FACE_TO_FACE
    )
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.ATTENDED
    )
    location = models.CharField(max_length=200, blank=True)
    interventions = models.ManyToManyField(
        InterventionType, through="SessionIntervention", blank=True, related_name="sessions"
    )
    notes = models.TextField(blank=True, help_text="Sensitive: only what the work needs.")
    next_action = models.CharField(max_length=200, blank=True)
    next_action_due = models.DateField(null=True, blank=True)
    next_action_done = models.BooleanField(default=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_logged"
    )
    # Its young person's borough, copied and kept right by the database (borough_copy) so the
    # notes search can read one borough's sessions newest first. Not the scope: visible_to is.
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,  # the database fills it in
        db_index=False,  # session_borough_newest leads with it
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # One per rendered form: a double click or a resubmitted form finds its session already saved.
    submission_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [
            models.Index(fields=["case", "-date"]),
            models.Index(fields=["logged_by", "date"]),
            # Covering: the monthly return and evaluation series read sessions of a month by
            # date and need only these columns, so PostgreSQL answers from the index alone
            # instead of visiting a heap page per session (bench/results.md).
            models.Index(
                fields=["date"],
                include=["attendance", "case", "duration_minutes"],
                name="session_date_covering",
            ),
            models.Index(
                fields=["next_action_due"],
                condition=Q(next_action_done=False) & ~Q(next_action=""),
                name="session_open_actions",
            ),
            # Notes search: one borough's sessions, newest first (casework.notes_search).
            models.Index(fields=["borough", "-date", "-id"], name="session_borough_newest"),
            # Notes search (casework.notes_search).
            text_search_index("notes", name="session_text_search"),
        ]
        constraints = [
            # A CHECK passes when it comes out NULL: the range alone would let an attended
            # session through with no length, hence the explicit "is not null".
            models.CheckConstraint(
                condition=Q(
                    duration_minutes__isnull=False,
                    duration_minutes__gte=1,
                    duration_minutes__lte=MAX_SESSION_MINUTES,
                )
                | Q(duration_minutes__isnull=True) & ~Q(attendance=Attendance.ATTENDED),
                name="session_duration_in_range",
            ),
        ]
        triggers = [takes_its_borough()]

    def __str__(self) -> str:
        return f"{self.get_contact_type_display()} on {self.date:%-d %b %Y}"

    @property
    def hours(self) -> float:
        return (self.duration_minutes or 0) / 60

    @property
    def length_and_attendance(self) -> str:
        """ "30 min, attended", or "did not attend" for a session that has no length."""
        attendance = self.get_attendance_display().lower()
        if self.duration_minutes is None:
            return attendance
        return f"{self.duration_minutes} min, {attendance}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), meta=event_meta())
class SessionIntervention(models.Model):
    """An intervention delivered in a session (a through table, so changes are audited)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE)
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "intervention_type"], name="session_intervention_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.intervention_type)
