"""Data protection requests: erasure needs two admins; every anonymisation is recorded."""

from django.conf import settings
from django.db import models


class ErasureRequest(models.Model):
    """A young person's request to be erased: made by one admin, approved by another, then
    carried out by the same anonymisation as retention."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="erasure_requests"
    )
    reason = models.TextField(help_text="How the request was made and checked. No case details.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["approved_at", "-requested_at"]
        constraints = [
            # Four eyes, enforced by the database too: nobody approves their own request.
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("requested_by")),
                name="erasure_approved_by_someone_else",
            ),
            # One open request per young person, even when two admins ask at the same moment.
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(approved_at__isnull=True),
                name="one_open_erasure_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"Erasure of client {self.client_id}"

    @property
    def is_pending(self) -> bool:
        return self.approved_at is None

    def state(self) -> str:
        """Where the request stands, in the words both admins read."""
        if self.is_pending:
            return "Waiting for a second admin to approve"
        return f"Approved by {self.approved_by} on {self.approved_at:%-d %b %Y}: anonymised"


class AnonymisationReason(models.TextChoices):
    RETENTION = "retention", "Retention period over"
    ERASURE = "erasure", "Erasure on request"


class Anonymisation(models.Model):
    """That a client was anonymised, when and why (retention runs skip them afterwards)."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.PROTECT, related_name="anonymisation"
    )
    reason = models.CharField(max_length=20, choices=AnonymisationReason.choices)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Client {self.client_id} anonymised ({self.get_reason_display()})"
