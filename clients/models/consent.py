"""Consent to share data, as a log of decisions: the latest row per scope is what holds now."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q

from clients.models.client import Client
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.text_search import text_search_index


class ConsentScope(models.TextChoices):
    SHARE_WITH_PARTNERS = "partners", "Share with partner agencies (YOT, probation, school)"
    EVALUATION = "evaluation", "Anonymised use in borough evaluations"
    JUSTICE_DATA_LAB = "jdl", "May be included in a Justice Data Lab submission"


class ConsentQuerySet(BoroughScopedQuerySet):
    borough_lookup = "client__borough"

    def current(self):
        """The latest decision for each client and scope."""
        return self.order_by("client_id", "scope", "-date", "-pk").distinct("client_id", "scope")

    def with_is_current(self):
        """Each decision annotated is_current: whether current() keeps it for its client and
        scope (that rule itself, as a subquery), so a page listing every decision and the
        current ones reads them once."""
        kept = self.model.objects.filter(client=OuterRef("client_id")).current().values("pk")
        return self.annotate(
            is_current=ExpressionWrapper(Q(pk__in=kept), output_field=BooleanField())
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Consent(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(max_length=20, choices=ConsentScope.choices)
    given = models.BooleanField(
        choices=[(True, "Given"), (False, "Withdrawn or refused")], default=True
    )
    date = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["client", "scope", "-date"]),
            text_search_index("notes", name="consent_text_search"),
        ]

    def __str__(self) -> str:
        verb = "given" if self.given else "withdrawn"
        return f"{self.get_scope_display()}: {verb} on {self.date:%-d %b %Y}"
