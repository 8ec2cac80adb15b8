"""The account page: who you are, and the reminder emails your role gets, each to turn off."""

from django.urls import reverse
from django.utils import timezone

from reminders import services
from reminders.models import EmailPreferences

PAGE = reverse("reminders:account")


def test_it_offers_a_caseworker_the_morning_email_only(client, login, alice):
    login(alice)
    form = client.get(PAGE).context["form"]
    assert list(form.fields) == ["morning_email"]
    assert form["morning_email"].value() is True


def test_it_offers_a_manager_both(client, login, manager):
    login(manager)
    assert list(client.get(PAGE).context["form"].fields) == ["morning_email", "weekly_summary"]


def test_it_offers_an_evaluator_none(client, login, evaluator):
    login(evaluator)
    response = client.get(PAGE)
    assert "Your role gets no reminder emails." in response.content.decode()
    client.post(PAGE, {"morning_email": "on"})
    assert not EmailPreferences.objects.exists()


def test_it_turns_the_morning_email_off_and_no_email_follows(
    client, login, alice, southwark_client, mailoutbox
):
    login(alice)
    response = client.post(PAGE, {})
    assert response.status_code == 302
    assert EmailPreferences.objects.get(user=alice).morning_email is False
    # Jay has had no contact since his referral 60 days ago: without the choice, alice would
    # be sent a reminder.
    assert services.morning_reminders_send(today=timezone.localdate()) == 0
    client.post(PAGE, {"morning_email": "on"})
    assert services.morning_reminders_send(today=timezone.localdate()) == 1
    assert mailoutbox[0].to == [alice.email]


def test_it_changes_only_the_signed_in_persons_choices(client, login, alice, bob):
    login(alice)
    client.post(PAGE, {"user": bob.pk})
    assert list(EmailPreferences.objects.values_list("user", flat=True)) == [alice.pk]
