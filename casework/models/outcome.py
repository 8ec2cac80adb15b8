"""Outcomes achieved for a case (entered employment, secured accommodation, ...), with
evidence, and a manager's verification before they count as verified in returns."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q

from casework.models.borough_copy import takes_its_borough
from casework.models.reference import OutcomeType
from clients.models import Case
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough
from sos.text_search import text_search_index


class OutcomeQuerySet(BoroughScopedQuerySet):
    borough_lookup = "case__client__borough"

    def awaiting_verification(self):
        return self.filter(verified_by__isnull=True)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    # The borough copy is the database's, not a change anyone made.
    exclude=["borough"],
    meta=event_meta(),
)
class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="outcomes")
    outcome_type = models.ForeignKey(OutcomeType, on_delete=models.PROTECT, verbose_name="outcome")
    date = models.DateField("date achieved")
    evidence = models.TextField(
        blank=True, help_text="What shows it happened: a contract, a tenancy, a certificate."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Its young person's borough, copied and kept right by the database (borough_copy) so the
    # notes search can read one borough's outcomes newest first. Not the scope: visible_to is.
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,  # the database fills it in
        db_index=False,  # outcome_borough_newest leads with it
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["case", "date"]),
            models.Index(fields=["date"]),
            # The team view's newest outcomes still to verify: a few, however many are verified.
            models.Index(
                fields=["-date", "-id"],
                condition=Q(verified_by__isnull=True),
                name="outcome_awaiting_verification",
            ),
            # Notes search: one borough's outcomes, newest first (casework.notes_search).
            models.Index(fields=["borough", "-date", "-id"], name="outcome_borough_newest"),
            text_search_index("evidence", name="outcome_text_search"),
        ]
        triggers = [takes_its_borough()]

    def __str__(self) -> str:
        return f"{self.outcome_type} on {self.date:%-d %b %Y}"
