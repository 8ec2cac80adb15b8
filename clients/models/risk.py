"""Risk and safeguarding flags, shown prominently on every page about the client."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from clients.models.client import Client
from clients.models.reference import RiskFlagType
from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.text_search import text_search_index


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


# A flag holds until it is cleared: the one definition of an active flag, both for reading
# only the active ones and for marking them among every flag a page lists anyway.
ACTIVE = Q(cleared_on__isnull=True)


class RiskFlagQuerySet(BoroughScopedQuerySet):
    borough_lookup = "client__borough"

    def active(self):
        return self.filter(ACTIVE)

    def with_is_active(self):
        """Every flag, each annotated is_active by the database (ACTIVE): a page showing all
        of a client's flags and the header's active ones reads them once."""
        return self.annotate(is_active=ExpressionWrapper(ACTIVE, output_field=BooleanField()))


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class RiskFlag(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="risk_flags")
    flag_type = models.ForeignKey(RiskFlagType, on_delete=models.PROTECT, verbose_name="concern")
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    review_date = models.DateField(help_text="When this flag must next be reviewed.")
    notes = models.TextField(blank=True)
    cleared_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RiskFlagQuerySet.as_manager()

    class Meta:
        ordering = ["cleared_on", "flag_type__sort_order", "-pk"]
        indexes = [
            models.Index(fields=["client", "cleared_on"]),
            text_search_index("notes", name="riskflag_text_search"),
        ]

    def __str__(self) -> str:
        return f"{self.flag_type} ({self.get_level_display()})"

    @property
    def review_overdue(self) -> bool:
        return self.cleared_on is None and self.review_date < timezone.localdate()
