"""Who opened which record, when: the access log. Never the record's values, only its type
and id, so the log itself holds no personal data beyond who looked."""

import pgtrigger
from django.conf import settings
from django.db import models


class AccessRecordQuerySet(models.QuerySet):
    def of_clients(self):
        return self.filter(client__isnull=False)


class AccessRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A B-tree, not a BRIN, although rows are appended in `at` order: the newest-first page
    # reads it backwards and stops after one page, which a BRIN cannot do, and with it in
    # place PostgreSQL never chose a BRIN for a date range either (EXPLAIN at 5M rows).
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    route = models.CharField(max_length=100, help_text="The page or download, e.g. clients:detail.")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    # The young person the record is about, to search by client. No database constraint: the
    # log must outlive anything that happens to the record, and never block it.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "at"]),
            models.Index(fields=["client", "at"]),
        ]
        # The log is evidence: a database trigger refuses every UPDATE and DELETE, whatever
        # the code path (ORM, bulk update, raw SQL). Same name as pghistory's event guard.
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user_id} opened {self.route} {self.object_id or ''} at {self.at:%c}"
