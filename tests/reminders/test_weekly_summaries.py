"""The manager's weekly email: the counts of the team page's data-quality lists for the boroughs
they manage, and a link; nothing about a young person; once a week."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import InterventionType
from reminders import services
from reminders.models import EmailPreferences
from sos.models import Role
from tests.factories import CaseFactory, OutcomeFactory, SessionFactory, UserFactory


def body(monday, *, no_interventions: int, no_contact: int, unverified: int) -> str:
    return (
        f"SOS Casework, week of {monday.day} {monday:%b %Y}: your team's data-quality lists\n"
        "\n"
        f"Attended sessions with no intervention recorded (last 90 days): {no_interventions}\n"
        f"Open cases with no contact for 14 days or more: {no_contact}\n"
        f"Outcomes awaiting verification: {unverified}\n"
        "(Cases open at any time in the last 12 months.)\n"
        "\n"
        "Sign in to see them on the team page:\n"
        "https://casework.example.org/casework/team/\n"
        "\n"
        "This email gives counts only, never names or details: email is not a safe place for "
        "them.\n"
        'To stop these emails, untick "Weekly team summary" on your account page:\n'
        "https://casework.example.org/account/\n"
    )


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def croydon_manager(croydon):
    return UserFactory(first_name="Mia", role=Role.MANAGER, boroughs=[croydon])


@pytest.fixture
def records(southwark, alice, manager, southwark_client, croydon_client):
    """Southwark: a session 10 days ago with no intervention (counted) and one with (not), one
    100 days ago with none (too old); a second case never seen for 53 days (no contact); an
    unverified outcome (counted) and a verified one (not). Croydon: a session 3 days ago with
    no intervention and an unverified outcome."""
    seen = southwark_client.cases.get()
    SessionFactory(case=seen, date=days_ago(10))
    SessionFactory(case=seen, date=days_ago(5)).interventions.add(InterventionType.objects.first())
    quiet = CaseFactory(client__borough=southwark, caseworker=alice)
    SessionFactory(case=quiet, date=days_ago(100))
    OutcomeFactory(case=seen)
    OutcomeFactory(case=seen, verified_by=manager, verified_at=timezone.now())
    kai = croydon_client.cases.get()
    SessionFactory(case=kai, date=days_ago(3))
    OutcomeFactory(case=kai)


def test_it_sends_each_manager_their_own_teams_counts_only(
    records, monday, manager, croydon_manager, alice, admin_user, mailoutbox
):
    assert services.weekly_summaries_send(today=monday) == 2
    sent = {message.to[0]: message.body for message in mailoutbox}
    assert sent == {
        manager.email: body(monday, no_interventions=1, no_contact=1, unverified=1),
        croydon_manager.email: body(monday, no_interventions=1, no_contact=0, unverified=1),
    }


def test_it_sends_nothing_to_a_deactivated_or_opted_out_manager(
    records, monday, manager, croydon_manager, mailoutbox
):
    manager.is_active = False
    manager.save()
    EmailPreferences.objects.create(user=croydon_manager, weekly_summary=False)
    assert services.weekly_summaries_send(today=monday) == 0
    assert mailoutbox == []


def test_it_sends_nothing_when_every_list_is_empty(monday, manager, mailoutbox):
    assert services.weekly_summaries_send(today=monday) == 0


def test_it_sends_once_a_week(records, monday, manager, mailoutbox):
    services.weekly_summaries_send(today=monday)
    assert services.weekly_summaries_send(today=monday + timedelta(days=2)) == 0
    services.weekly_summaries_send(today=monday + timedelta(days=7))
    assert [message.to[0] for message in mailoutbox].count(manager.email) == 2
