"""The caseworker's morning email: counts from home's own rule and a link, nothing about a young
person, to active caseworkers and managers who did not turn it off, once a day."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from reminders import services, tasks
from reminders.models import EmailPreferences, ReminderKind, ReminderSent
from sos.models import Role
from tests.concurrency import race
from tests.factories import CaseFactory, SessionFactory, UserFactory
from tests.reliability.database import closed_port


def body(today, *, actions: int, without_contact: int) -> str:
    return (
        f"SOS Casework, {today.day} {today:%b %Y}\n"
        "\n"
        f"Actions due today or overdue: {actions}\n"
        f"Young people with no contact for 14 days or more: {without_contact}\n"
        "\n"
        "Sign in to see them on your home page:\n"
        "https://casework.example.org/\n"
        "\n"
        "This email gives counts only, never names or details: email is not a safe place for "
        "them.\n"
        'To stop these emails, untick "Morning email" on your account page:\n'
        "https://casework.example.org/account/\n"
    )


def seen(case, days_ago: int, **fields):
    today = timezone.localdate()
    return SessionFactory(case=case, date=today - timedelta(days=days_ago), **fields)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def caseloads(today, southwark, croydon, alice, bob, charlie, southwark_client, croydon_client):
    """alice: Jay (two open cases, never seen: one young person), Ray seen 14 days ago (flagged,
    the edge), Sam seen 13 days ago (not), Zed seen 2 days ago with actions due today, yesterday
    (both counted), tomorrow and one done (neither). bob: one young person seen yesterday.
    charlie (Croydon): Kai, never seen. A deactivated caseworker with a young person never
    seen."""
    CaseFactory(client=southwark_client, caseworker=alice)
    seen(CaseFactory(client__borough=southwark, client__first_name="Ray", caseworker=alice), 14)
    seen(CaseFactory(client__borough=southwark, client__first_name="Sam", caseworker=alice), 13)
    zed = CaseFactory(client__borough=southwark, client__first_name="Zed", caseworker=alice)
    seen(zed, 2)
    for due, done in [(0, False), (-1, False), (1, False), (0, True)]:
        seen(
            zed,
            3,
            next_action="Ring the housing officer",
            next_action_due=today + timedelta(days=due),
            next_action_done=done,
        )
    seen(CaseFactory(client__borough=southwark, caseworker=bob), 1)
    gone = UserFactory(role=Role.CASEWORKER, boroughs=[southwark], is_active=False)
    CaseFactory(client__borough=southwark, caseworker=gone)


def test_it_sends_counts_and_a_link_only_to_the_right_people(
    caseloads, today, alice, charlie, manager, admin_user, evaluator, mailoutbox
):
    assert services.morning_reminders_send(today=today) == 2
    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == {alice.email, charlie.email}
    assert sent[alice.email].body == body(today, actions=2, without_contact=2)
    assert sent[charlie.email].body == body(today, actions=0, without_contact=1)
    assert sent[alice.email].subject == "SOS Casework: your morning reminder"
    assert not sent[alice.email].alternatives and not sent[alice.email].attachments


def test_it_sends_nothing_to_someone_who_turned_it_off(caseloads, today, alice, mailoutbox):
    EmailPreferences.objects.create(user=alice, morning_email=False)
    services.morning_reminders_send(today=today)
    assert alice.email not in [message.to[0] for message in mailoutbox]


def test_it_sends_once_a_day_and_again_the_next(caseloads, today, alice, mailoutbox):
    services.morning_reminders_send(today=today)
    assert services.morning_reminders_send(today=today) == 0
    assert services.morning_reminders_send(today=today + timedelta(days=1)) == 2
    assert [message.to[0] for message in mailoutbox].count(alice.email) == 2


def test_it_sends_on_the_retry_what_a_relay_that_was_down_did_not_send(
    caseloads, today, alice, settings, mailoutbox
):
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        closed_port(),
        False,
    )
    with pytest.raises(ConnectionRefusedError):
        services.morning_reminders_send(today=today)
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = backend
    assert services.morning_reminders_send(today=today) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_sends_once_when_two_workers_run_the_same_morning(caseloads, today, alice, mailoutbox):
    # The scheduled time, as the queue passes it: 07:00 UTC of a day.
    scheduled = int(datetime.combine(today, time(7), tzinfo=UTC).timestamp())
    results = race(
        lambda: tasks.morning(timestamp=scheduled), lambda: tasks.morning(timestamp=scheduled)
    )
    assert results == [None, None]  # neither worker failed
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        ReminderSent.objects.filter(kind=ReminderKind.MORNING, period=today).values_list(
            "user__email", flat=True
        )
    )
    assert len(mailoutbox) == 2
