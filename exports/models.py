"""Background exports, and the audit of who asked for and who downloaded each one.

Two kinds share one job table and one runner: the full export (a ZIP of every record the project
holds, for admins) and the sessions workbook (an XLSX of the sessions in a date range, for
managers and admins; exports.sessions_workbook).

Files are written to disk under settings.PRIVATE_FILES_DIR, not into the database like an
import's upload: a whole database's export can be hundreds of megabytes, which a BinaryField
would load into memory whole on every read. That directory is outside STATIC_ROOT and never
served by WhiteNoise or a web server: the only way out is a download view (admins for a full
export, the requester for a sessions workbook), which writes an ExportDownload row. Files are
deleted EXPORT_LIFETIME after they were written.
"""

from pathlib import Path

from django.conf import settings
from django.db import models


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being written"
    DONE = "done", "Ready to download"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Deleted after the retention period"


class ExportKind(models.TextChoices):
    FULL = "full", "Everything (ZIP of CSV files)"
    SESSIONS = "sessions", "Sessions workbook (XLSX)"


class ExportJobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])


class ExportJob(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ExportKind.choices, default=ExportKind.FULL)
    # What the requester chose, as the kind's own module reads it back (for a sessions
    # workbook: exports.sessions_workbook.WorkbookRequest). Ids and dates only, no personal data.
    parameters = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("progress (%)", default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    # Relative to settings.PRIVATE_FILES_DIR; blank until the file is complete.
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    # Why it failed, in words with no personal data (the exception's type, not its message).
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.get_status_display()})"

    @property
    def path(self) -> Path | None:
        return Path(settings.PRIVATE_FILES_DIR) / self.file_name if self.file_name else None

    @property
    def is_unfinished(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportDownload(models.Model):
    """One download of an export: who and when (SECURITY.md, "audit of reads")."""

    job = models.ForeignKey(ExportJob, on_delete=models.PROTECT, related_name="downloads")
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-downloaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Download of export {self.job_id}"
