"""A caseworker of one borough reaches nothing of another by guessing URLs: every client URL
answers 404, exactly as for a record that does not exist."""

import pytest
from django.urls import reverse

from tests.factories import ConsentFactory, OffenceFactory, RiskFlagFactory

CLIENT_URLS = [
    "clients:detail",
    "clients:history",
    "clients:edit",
    "clients:case_open",
    "clients:offence_add",
    "clients:consent_add",
    "clients:risk_flag_add",
]
CASE_URLS = [
    "clients:case_edit",
    "clients:case_start",
    "clients:case_close",
    "clients:case_allocate",
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_name", CLIENT_URLS)
def test_it_404s_for_other_borough(client, login, charlie, southwark_client, url_name, method):
    login(charlie)
    response = getattr(client, method)(reverse(url_name, args=[southwark_client.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url_name", CASE_URLS)
def test_it_404s_for_another_boroughs_case(
    client, login, manager, croydon_client, url_name, method
):
    login(manager)
    case = croydon_client.cases.get()
    response = getattr(client, method)(reverse(url_name, args=[case.pk]))
    assert response.status_code == 404


def test_it_404s_clearing_another_boroughs_risk_flag(client, login, charlie, southwark_client):
    flag = RiskFlagFactory(client=southwark_client)
    login(charlie)
    assert client.post(reverse("clients:risk_flag_clear", args=[flag.pk])).status_code == 404
    flag.refresh_from_db()
    assert flag.cleared_on is None


def test_it_hides_other_boroughs_from_the_list(
    client, login, alice, southwark_client, croydon_client
):
    login(alice)
    response = client.get(reverse("clients:list"))
    assert list(response.context["page"]) == [southwark_client]
    assert croydon_client.first_name not in response.content.decode()


@pytest.mark.parametrize("url_name", CLIENT_URLS)
def test_it_shows_evaluators_no_client_at_all(client, login, evaluator, southwark_client, url_name):
    login(evaluator)
    assert client.get(reverse(url_name, args=[southwark_client.pk])).status_code == 404


def test_it_lets_an_admin_see_every_borough(
    client, login, admin_user, southwark_client, croydon_client
):
    OffenceFactory(client=croydon_client)
    ConsentFactory(client=croydon_client)
    login(admin_user)
    assert client.get(reverse("clients:detail", args=[croydon_client.pk])).status_code == 200
    listed = set(client.get(reverse("clients:list")).context["page"])
    assert listed == {southwark_client, croydon_client}


def test_it_moves_a_client_out_of_sight_when_they_move_borough(
    client, login, alice, southwark_client, croydon
):
    southwark_client.borough = croydon
    southwark_client.save()
    login(alice)
    assert client.get(reverse("clients:detail", args=[southwark_client.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["clients:list", "clients:refer"])
def test_it_keeps_evaluators_off_pages_listing_or_creating_people(
    client, login, evaluator, url_name
):
    login(evaluator)
    assert client.get(reverse(url_name)).status_code == 403
