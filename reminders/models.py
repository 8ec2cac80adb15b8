"""Reminder emails: who turned which off, and which were sent for which period.

Email is not a safe channel for this data, so a reminder carries counts and a link only
(reminders.messages); nothing about a young person is stored here either.
"""

from django.conf import settings
from django.db import models


class ReminderKind(models.TextChoices):
    MORNING = "morning", "Morning email: actions due and young people without contact"
    WEEKLY = "weekly", "Weekly summary of the team's data-quality lists"


class EmailPreferences(models.Model):
    """One person's choices; without a row, every reminder their role gets is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    morning_email = models.BooleanField(
        "Morning email",
        default=True,
        help_text="On working mornings: how many actions are due and how many of your young "
        "people have had no contact for a while. Counts only, never names.",
    )
    weekly_summary = models.BooleanField(
        "Weekly team summary (managers)",
        default=True,
        help_text="On Monday mornings: how many records are on your team's data-quality "
        "lists. Counts only, never names.",
    )

    class Meta:
        verbose_name_plural = "email preferences"

    def __str__(self) -> str:
        return f"Email preferences of {self.user}"


class ReminderSent(models.Model):
    """A reminder sent to one person for one period (the day, or the week's Monday). The unique
    key makes it once per period however many workers run the job at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    period = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} ({self.period})"
