import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.models import GroupSession
from tests.concurrency import post_as, race
from tests.factories import UserFactory

URL = reverse("casework:group_session_log")


def group_data(borough, *facilitators, **overrides):
    data = {
        "borough": borough.pk,
        "setting_type": "school",
        "setting_name": "Harris Academy Peckham",
        "date": date.today().isoformat(),
        "duration_choice": "60",
        "topic": "Joint enterprise",
        "participants": "28",
        "age_range": "14-15",
        "facilitators": [person.pk for person in facilitators],
        "submission_token": str(uuid.uuid4()),
    }
    return {**data, **overrides}


def test_it_logs_group_work(client, login, alice, bob, southwark):
    login(alice)
    response = client.post(URL, group_data(southwark, alice, bob))
    group_session = GroupSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("casework:group_session_detail", args=[group_session.pk])
    assert (group_session.participants, group_session.duration_minutes) == (28, 60)
    assert set(group_session.facilitators.all()) == {alice, bob}
    assert group_session.logged_by == alice


def test_it_offers_today_the_users_borough_and_the_user_as_facilitator(
    client, login, alice, southwark
):
    login(alice)
    form = client.get(URL).context["form"]
    assert form["date"].value() == date.today()
    assert form["borough"].value() == southwark.pk
    assert form["facilitators"].value() == [alice.pk]


def test_it_offers_only_the_users_boroughs_and_their_active_staff(
    client, login, alice, bob, charlie, southwark, croydon
):
    UserFactory(first_name="Gone", boroughs=[southwark], is_active=False)
    login(alice)
    form = client.get(URL).context["form"]
    assert list(form.fields["borough"].queryset) == [southwark]
    assert set(form.fields["facilitators"].queryset) == {alice, bob}


def test_it_refuses_another_boroughs_staff_as_facilitators(
    client, login, alice, charlie, manager, southwark, croydon
):
    manager.boroughs.add(croydon)
    croydon_only = UserFactory(first_name="Cleo", boroughs=[croydon])
    login(manager)
    response = client.post(URL, group_data(southwark, manager, croydon_only))
    assert response.status_code == 200
    assert "Not staff of Southwark: Cleo" in response.content.decode()
    assert not GroupSession.objects.exists()


def test_it_refuses_a_borough_outside_the_users(client, login, alice, croydon):
    login(alice)
    response = client.post(URL, group_data(croydon, alice))
    assert response.status_code == 200
    assert "borough" in response.context["form"].errors
    assert not GroupSession.objects.exists()


@pytest.mark.parametrize(
    ("participants", "message"),
    [
        ("0", "Group work needs at least one participant."),
        ("", "Enter how many young people took part."),
        ("-3", "Group work needs at least one participant."),
    ],
)
def test_it_refuses_group_work_with_no_participants(
    client, login, alice, southwark, participants, message
):
    login(alice)
    response = client.post(URL, group_data(southwark, alice, participants=participants))
    assert response.status_code == 200
    assert response.context["form"].errors["participants"] == [message]
    html = response.content.decode()
    assert message in html
    assert 'value="Harris Academy Peckham"' in html and 'value="Joint enterprise"' in html
    assert not GroupSession.objects.exists()


def test_it_refuses_a_date_in_the_future(client, login, alice, southwark):
    login(alice)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(URL, group_data(southwark, alice, date=tomorrow))
    assert response.context["form"].errors["date"] == ["The date cannot be in the future."]
    assert f'value="{tomorrow}"' in response.content.decode()


@pytest.mark.parametrize(
    ("duration", "field", "message"),
    [
        ({"duration_choice": "other", "duration_other": ""}, "duration_other", "Enter how many"),
        ({"duration_choice": "other", "duration_other": "721"}, "duration_other", "12 hours"),
        ({"duration_choice": "other", "duration_other": "0"}, "duration_other", "greater than"),
        ({"duration_choice": ""}, "duration_choice", "Choose how long the workshop took."),
    ],
)
def test_it_refuses_a_bad_duration(client, login, alice, southwark, duration, field, message):
    login(alice)
    response = client.post(URL, group_data(southwark, alice, **duration))
    assert message in response.context["form"].errors[field][0]
    assert 'value="Joint enterprise"' in response.content.decode()
    assert not GroupSession.objects.exists()


def test_it_takes_a_free_duration(client, login, alice, southwark):
    login(alice)
    client.post(URL, group_data(southwark, alice, duration_choice="other", duration_other="100"))
    assert GroupSession.objects.get().duration_minutes == 100


def test_it_requires_a_facilitator(client, login, alice, southwark):
    login(alice)
    response = client.post(URL, group_data(southwark))
    assert "facilitators" in response.context["form"].errors


def test_it_logs_a_resubmitted_form_once(client, login, alice, southwark):
    login(alice)
    data = group_data(southwark, alice)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert GroupSession.objects.count() == 1
    assert first.url == second.url


# A transactional test empties the database when it ends, seeded reference data included, so
# every transactional test reloads that data first (serialized_rollback) rather than rely on
# running before the others.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_logs_a_double_click_once_even_at_the_same_moment(southwark, alice):
    data = group_data(southwark, alice)
    statuses = race(post_as(alice, URL, data), post_as(alice, URL, data))
    assert statuses == [302, 302]
    assert GroupSession.objects.count() == 1


@pytest.mark.parametrize("persona", ["manager", "admin_user"])
def test_it_lets_managers_and_admins_log_group_work(client, login, southwark, persona, request):
    user = request.getfixturevalue(persona)
    facilitator = UserFactory(boroughs=[southwark])
    login(user)
    assert client.post(URL, group_data(southwark, facilitator)).status_code == 302
    assert GroupSession.objects.get().logged_by == user


def test_it_forbids_evaluators(client, login, evaluator):
    login(evaluator)
    assert client.get(URL).status_code == 403


def test_it_404s_for_other_borough(client, login, charlie, southwark, alice):
    # The log page has no object to fetch: another borough simply is not on offer.
    login(charlie)
    response = client.post(URL, group_data(southwark, alice))
    assert response.status_code == 200
    assert not GroupSession.objects.exists()
