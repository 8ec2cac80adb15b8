from datetime import date, timedelta

from django.urls import reverse

from casework.models import Goal, GoalStatus, Pathway


def goal_data(**overrides):
    data = {
        "pathway": Pathway.objects.get(name="Education, training and employment").pk,
        "description": "Enrol on a plumbing course",
        "target_date": (date.today() + timedelta(days=60)).isoformat(),
    }
    return {**data, **overrides}


def url_for(client_record):
    return reverse("casework:goal_add", args=[client_record.cases.get().pk])


def test_it_adds_a_goal_to_a_case(client, login, alice, southwark_client):
    login(alice)
    response = client.post(url_for(southwark_client), goal_data())
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[southwark_client.pk])
    goal = Goal.objects.get()
    assert goal.case == southwark_client.cases.get()
    assert (goal.status, goal.created_by) == (GoalStatus.NOT_STARTED, alice)


def test_it_shows_the_client_header(client, login, alice, southwark_client):
    login(alice)
    html = client.get(url_for(southwark_client)).content.decode()
    assert southwark_client.display_name in html and "Add a goal" in html


def test_it_offers_only_active_pathways(client, login, alice, southwark_client):
    Pathway.objects.filter(name="Drugs and alcohol").update(is_active=False)
    login(alice)
    form = client.get(url_for(southwark_client)).context["form"]
    assert "Drugs and alcohol" not in [p.name for p in form.fields["pathway"].queryset]


def test_it_requires_a_pathway_and_description_and_keeps_what_was_typed(
    client, login, alice, southwark_client
):
    login(alice)
    response = client.post(url_for(southwark_client), goal_data(pathway=""))
    assert response.context["form"].errors["pathway"] == ["Choose the pathway."]
    assert "Enrol on a plumbing course" in response.content.decode()
    response = client.post(url_for(southwark_client), goal_data(description=""))
    assert response.context["form"].errors["description"] == ["Enter what the goal is."]
    assert not Goal.objects.exists()


def test_it_404s_for_evaluators(client, login, evaluator, southwark_client):
    login(evaluator)
    assert client.get(url_for(southwark_client)).status_code == 404


def test_it_404s_for_other_borough(client, login, charlie, southwark_client):
    login(charlie)
    assert client.get(url_for(southwark_client)).status_code == 404
    assert client.post(url_for(southwark_client), goal_data()).status_code == 404
    assert not Goal.objects.exists()
