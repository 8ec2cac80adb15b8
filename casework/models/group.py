"""SOS+ preventive group work in schools, colleges, PRUs, community centres and custody.
Not linked to individual clients: it counts workshops, participants and hours."""

import uuid

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from casework.models.session import MAX_SESSION_MINUTES
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough


class GroupSetting(models.TextChoices):
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    PRU = "pru", "Pupil referral unit"
    COMMUNITY = "community", "Community centre"
    CUSTODY = "custody", "Custody"


class GroupSessionQuerySet(BoroughScopedQuerySet):
    borough_lookup = "borough"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class GroupSession(models.Model):
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="group_sessions")
    setting_type = models.CharField("setting", max_length=20, choices=GroupSetting.choices)
    setting_name = models.CharField("name of the school, centre or establishment", max_length=200)
    date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)]
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="group_sessions_facilitated"
    )
    participants = models.PositiveSmallIntegerField(
        "number of participants", validators=[MinValueValidator(1)]
    )
    age_range = models.CharField(max_length=20, blank=True, help_text="For example 13-15.")
    topic = models.CharField(max_length=200)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = GroupSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["borough", "date"])]

    def __str__(self) -> str:
        return f"{self.topic} at {self.setting_name}, {self.date:%-d %b %Y}"
