"""Retention on the task queue (procrastinate; README, Background work)."""

import logging

from django.conf import settings
from django.utils import timezone
from procrastinate.contrib.django import app

from gdpr.services import retention_anonymise

logger = logging.getLogger(__name__)


# Nightly, at 02:30 UTC, when nobody is working.
@app.periodic(cron="30 2 * * *")
@app.task(name="gdpr.retention", queueing_lock="gdpr.retention")
def retention(timestamp: int) -> None:
    """Anonymise the clients past RETENTION_YEARS (counts only in the log)."""
    count = retention_anonymise(today=timezone.localdate(), years=settings.RETENTION_YEARS)
    logger.info("Retention: anonymised %s clients.", count)
