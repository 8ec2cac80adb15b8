"""Offence history: before support and during or after it. Proven reoffending is computed
from these rows (DOMAIN.md, "Proven reoffending")."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q

from clients.models.client import Client
from clients.models.reference import OffenceCategory
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.text_search import text_search_index


class OffenceOutcome(models.TextChoices):
    CONVICTION = "conviction", "Conviction"
    CAUTION = "caution", "Caution"
    REPRIMAND = "reprimand", "Reprimand"
    WARNING = "warning", "Final warning"
    NO_FURTHER_ACTION = "nfa", "No further action"
    PENDING = "pending", "Pending"


# The outcomes that make an offence "proven" in the Ministry of Justice measure.
PROVEN_OUTCOMES = [
    OffenceOutcome.CONVICTION,
    OffenceOutcome.CAUTION,
    OffenceOutcome.REPRIMAND,
    OffenceOutcome.WARNING,
]


class OffenceQuerySet(BoroughScopedQuerySet):
    borough_lookup = "client__borough"

    def proven(self):
        """Offences proven by a conviction, caution, reprimand or warning."""
        return self.filter(outcome__in=PROVEN_OUTCOMES)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Offence(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="offences")
    offence_date = models.DateField(help_text="When the offence was committed.")
    category = models.ForeignKey(OffenceCategory, on_delete=models.PROTECT)
    outcome = models.CharField(max_length=20, choices=OffenceOutcome.choices)
    outcome_date = models.DateField(
        null=True, blank=True, help_text="Date of the conviction, caution or decision."
    )
    sentence = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OffenceQuerySet.as_manager()

    class Meta:
        ordering = ["-offence_date", "-pk"]
        indexes = [
            models.Index(fields=["client", "offence_date"]),
            text_search_index("notes", name="offence_text_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_date__isnull=True)
                | Q(outcome_date__gte=models.F("offence_date")),
                name="offence_outcome_after_offence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} on {self.offence_date:%-d %b %Y}"

    @property
    def is_proven(self) -> bool:
        return self.outcome in PROVEN_OUTCOMES


class JusticeEventKind(models.TextChoices):
    """What happened, each on its own date (DOMAIN.md figure 9)."""

    ARREST = "arrest", "Arrest"
    CHARGE = "charge", "Charge"
    CONVICTION = "conviction", "Conviction"
    OUT_OF_COURT = "out_of_court", "Out-of-court disposal (caution, reprimand or warning)"
    REMAND = "remand", "Remanded in custody"
    CUSTODIAL_SENTENCE = "custodial_sentence", "Custodial sentence"


class JusticeEventQuerySet(BoroughScopedQuerySet):
    borough_lookup = "offence__client__borough"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class JusticeEvent(models.Model):
    """One criminal justice event of an offence (arrest, charge, ...) on its own date: figure
    9 counts events in the month they happened, so a past month does not change as courts
    decide later."""

    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="justice_events")
    kind = models.CharField(max_length=20, choices=JusticeEventKind.choices)
    date = models.DateField(help_text="When it happened.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JusticeEventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%-d %b %Y}"
