"""The audit of every import (who, when, which file, what it did). The uploaded file is kept
here between preview and commit, and erased once the import is committed or cancelled."""

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed, nothing written"
    COMMITTED = "committed", "Committed"
    REFUSED = "refused", "Refused: invalid rows, nothing written"
    CANCELLED = "cancelled", "Cancelled, nothing written"


class ImportRun(models.Model):
    kind = models.CharField(max_length=20)
    file_name = models.CharField(max_length=255)
    # The file itself, in the database rather than on disk: it is personal data, and the
    # database is where it is backed up, encrypted and access-controlled. Emptied when done.
    content = models.BinaryField(editable=False)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    skip_invalid = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    via_command = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def skipped(self) -> int:
        return self.unchanged + self.invalid
