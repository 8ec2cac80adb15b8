import pytest
from django.urls import reverse
from django.utils import timezone

from sos.models import Role
from tests.factories import OutcomeFactory, UserFactory


@pytest.fixture
def outcome(southwark_client, alice):
    return OutcomeFactory(case=southwark_client.cases.get(), recorded_by=alice)


def url_for(outcome):
    return reverse("casework:outcome_verify", args=[outcome.pk])


def test_it_lets_a_manager_verify_an_outcome(client, login, manager, outcome):
    login(manager)
    before = timezone.now()
    response = client.post(url_for(outcome))
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[outcome.case.client_id])
    outcome.refresh_from_db()
    assert outcome.verified_by == manager and outcome.verified_at >= before


def test_it_lets_an_admin_verify_an_outcome(client, login, admin_user, outcome):
    login(admin_user)
    client.post(url_for(outcome))
    outcome.refresh_from_db()
    assert outcome.verified_by == admin_user


def test_it_keeps_the_first_verification(client, login, manager, southwark, outcome):
    other_manager = UserFactory(role=Role.MANAGER, boroughs=[southwark])
    login(other_manager)
    client.post(url_for(outcome))
    login(manager)
    client.post(url_for(outcome))
    outcome.refresh_from_db()
    assert outcome.verified_by == other_manager


def test_it_returns_to_a_page_of_this_site_only(client, login, manager, outcome):
    login(manager)
    response = client.post(url_for(outcome), {"next": "/clients/"})
    assert response.url == "/clients/"
    response = client.post(url_for(outcome), {"next": "https://evil.example/"})
    assert response.url == reverse("clients:detail", args=[outcome.case.client_id])


@pytest.mark.parametrize("back", ["abc", '"><svg onload=x()>', "-1", ""])
def test_it_goes_to_the_client_for_a_next_that_is_no_path(client, login, manager, outcome, back):
    # Text that is not a path was read as a view name: a 500 (found by tests/fuzz).
    login(manager)
    response = client.post(url_for(outcome), {"next": back})
    assert response.url == reverse("clients:detail", args=[outcome.case.client_id])


def test_it_forbids_caseworkers(client, login, alice, outcome):
    login(alice)
    assert client.post(url_for(outcome)).status_code == 403
    outcome.refresh_from_db()
    assert outcome.verified_by is None


def test_it_rejects_get(client, login, manager, outcome):
    login(manager)
    assert client.get(url_for(outcome)).status_code == 405
    outcome.refresh_from_db()
    assert outcome.verified_by is None


def test_it_404s_for_evaluators(client, login, evaluator, outcome):
    login(evaluator)
    assert client.post(url_for(outcome)).status_code == 404


def test_it_404s_for_other_borough(client, login, croydon, charlie, outcome):
    croydon_manager = UserFactory(role=Role.MANAGER, boroughs=[croydon])
    for user in (croydon_manager, charlie):  # 404 before 403: nothing about it is revealed
        login(user)
        assert client.post(url_for(outcome)).status_code == 404
    outcome.refresh_from_db()
    assert outcome.verified_by is None
