"""Sending the reminder emails, once per person and period (README, Reminder emails)."""

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from casework.selectors import DATA_QUALITY_DAYS
from reminders import selectors
from reminders.models import EmailPreferences, ReminderKind, ReminderSent
from sos.access import caseload_holders, team_summary_readers
from sos.models import User


def morning_reminders_send(*, today: date) -> int:
    """Email each active caseworker and manager who has actions due today (or overdue) or
    young people without contact, unless they turned it off; returns how many were sent."""
    return _send_each(
        kind=ReminderKind.MORNING,
        period=today,
        recipients=caseload_holders().exclude(
            pk__in=EmailPreferences.objects.filter(morning_email=False).values("user")
        ),
        counts=lambda user: selectors.morning_counts(user, today=today),
        subject="SOS Casework: your morning reminder",
        template="reminders/morning.txt",
        context={"today": today, "days": settings.NO_CONTACT_FLAG_DAYS, "link": _link("home")},
    )


def weekly_summaries_send(*, today: date) -> int:
    """Email each active manager the counts of their team's data-quality lists, unless they
    turned it off or every list is empty; once in the week of `today`. Returns how many."""
    return _send_each(
        kind=ReminderKind.WEEKLY,
        period=today - timedelta(days=today.weekday()),
        recipients=team_summary_readers().exclude(
            pk__in=EmailPreferences.objects.filter(weekly_summary=False).values("user")
        ),
        counts=lambda user: selectors.team_counts(user, today=today),
        subject="SOS Casework: your team's data quality this week",
        template="reminders/weekly.txt",
        context={
            "today": today,
            "days": settings.NO_CONTACT_FLAG_DAYS,
            "since_days": DATA_QUALITY_DAYS,
            "link": _link("casework:team"),
        },
    )


def _send_each(
    *,
    kind: ReminderKind,
    period: date,
    recipients: models.QuerySet[User],
    counts: Callable[[User], object],
    subject: str,
    template: str,
    context: dict,
) -> int:
    sent = 0
    for user in recipients.order_by("pk"):
        figures = counts(user)
        if not figures:
            continue
        with transaction.atomic():
            # A second worker on the same period waits here for the first one's commit, then
            # finds the row and sends nothing. A failed send rolls the row back: the job's
            # retry sends it then.
            _row, created = ReminderSent.objects.get_or_create(user=user, kind=kind, period=period)
            if not created:
                continue
            body = render_to_string(
                template, {**context, "counts": figures, "account": _link("reminders:account")}
            )
            send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def _link(name: str) -> str:
    """An absolute link for an email (the worker has no request to build one from)."""
    return settings.SITE_URL + reverse(name)
