"""The reminder emails on the task queue (procrastinate; README, Reminder emails)."""

from datetime import UTC, datetime

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from reminders import services

# An SMTP relay that is down for a while: try again every 10 minutes for an hour. What was sent
# before the failure is not sent again (ReminderSent).
MAIL_RETRY = RetryStrategy(max_attempts=6, wait=600)


def _day(timestamp: int):
    """The UK day of the time the job was scheduled for (not when a busy worker ran it)."""
    return timezone.localdate(datetime.fromtimestamp(timestamp, UTC))


# Working days at 07:00 UTC (7 or 8 in the morning in London).
@app.periodic(cron="0 7 * * 1-5")
@app.task(name="reminders.morning", queueing_lock="reminders.morning", retry=MAIL_RETRY)
def morning(timestamp: int) -> None:
    services.morning_reminders_send(today=_day(timestamp))


# Mondays at 07:00 UTC.
@app.periodic(cron="0 7 * * 1")
@app.task(name="reminders.weekly", queueing_lock="reminders.weekly", retry=MAIL_RETRY)
def weekly(timestamp: int) -> None:
    services.weekly_summaries_send(today=_day(timestamp))
