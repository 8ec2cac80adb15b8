"""Frozen monthly returns: the figures as they were signed off, one version after another."""

import pghistory
from django.conf import settings
from django.db import models

from reporting.headlines import CHOICES
from sos.access import boroughs_for
from sos.event_tables import event_meta
from sos.models import Borough


class MonthlyReturn(models.Model):
    """One borough's return for one month, as signed off. A revised return is a new version;
    earlier versions are kept and shown. Figures are the Table column of that borough, keyed
    "section|label" (see reporting.figures)."""

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="returns")
    month = models.DateField(help_text="The first day of the month the return covers.")
    version = models.PositiveSmallIntegerField(default=1)
    figures = models.JSONField()
    # Labels and units as they were, so an old return reads the same after reference data
    # is renamed: [[section, label, unit], ...] in row order.
    layout = models.JSONField()
    # The summary's headline figures for the borough as signed (reporting.summary.Cell.frozen):
    # {headline key: {"this_month": .., "year_to_date": .., "target": .., ...}}.
    summary = models.JSONField(default=dict, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True, help_text="Why this version was issued.")

    class Meta:
        ordering = ["month", "borough__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["borough", "month", "version"], name="one_return_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.borough} {self.month:%B %Y} v{self.version}"


class JusticeDataLabExport(models.Model):
    """The audit of one Justice Data Lab download: who, when and which cohort (the filter
    values and how many rows left). Never the rows themselves (SECURITY.md, "audit of reads")."""

    class FileFormat(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    downloaded_at = models.DateTimeField(auto_now_add=True)
    file_format = models.CharField(max_length=4, choices=FileFormat.choices)
    index_from = models.DateField("index dates from")
    index_to = models.DateField("index dates to")
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The one borough asked for; blank for all boroughs.",
    )
    row_count = models.PositiveIntegerField(help_text="Young people in the file.")

    class Meta:
        ordering = ["-downloaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Justice Data Lab export by {self.downloaded_by} on {self.downloaded_at:%-d %b %Y}"


class TargetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A borough's targets are for those who see that borough (fails closed: none)."""
        return self.filter(borough__in=boroughs_for(user))


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Target(models.Model):
    """A borough contract's target for one headline figure over one contract year: twelve
    months from `year_start` (not always April). Hours are targets in hours."""

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="targets")
    figure = models.CharField(max_length=30, choices=CHOICES)
    year_start = models.DateField(help_text="The first day of the contract year's first month.")
    value = models.PositiveIntegerField("target for the year")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["borough__name", "-year_start", "figure"]
        constraints = [
            models.UniqueConstraint(
                fields=["borough", "figure", "year_start"], name="one_target_per_figure_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year_start__day=1), name="target_year_starts_on_a_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.borough} {self.get_figure_display()} from {self.year_start:%B %Y}"
