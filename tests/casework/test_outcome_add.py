from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.models import Outcome, OutcomeType


@pytest.fixture
def case(southwark_client):
    return southwark_client.cases.get()


def outcome_data(**overrides):
    data = {
        "outcome_type": OutcomeType.objects.get(name="Secured accommodation").pk,
        "date": date.today().isoformat(),
        "evidence": "Tenancy agreement seen",
    }
    return {**data, **overrides}


def url_for(case):
    return reverse("casework:outcome_add", args=[case.pk])


def test_it_records_an_unverified_outcome(client, login, alice, case):
    login(alice)
    response = client.post(url_for(case), outcome_data())
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.case, outcome.recorded_by, outcome.verified_by) == (case, alice, None)
    assert outcome.evidence == "Tenancy agreement seen"


def test_it_offers_only_active_outcome_types(client, login, alice, case):
    OutcomeType.objects.filter(name="Exited gang").update(is_active=False)
    login(alice)
    form = client.get(url_for(case)).context["form"]
    assert "Exited gang" not in [t.name for t in form.fields["outcome_type"].queryset]


def test_it_refuses_an_outcome_before_the_referral(client, login, alice, case):
    login(alice)
    before = (case.referral_date - timedelta(days=1)).isoformat()
    response = client.post(url_for(case), outcome_data(date=before))
    message = f"This is before the referral on {case.referral_date:%-d %b %Y}."
    assert response.context["form"].errors == {"date": [message]}
    html = response.content.decode()
    assert 'id="error_1_id_date"' in html and message in html
    assert "Tenancy agreement seen" in html and f'value="{before}"' in html
    assert not Outcome.objects.exists()


def test_it_accepts_an_outcome_on_the_referral_date(client, login, alice, case):
    login(alice)
    response = client.post(url_for(case), outcome_data(date=case.referral_date.isoformat()))
    assert response.status_code == 302


def test_it_refuses_an_outcome_in_the_future(client, login, alice, case):
    login(alice)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(url_for(case), outcome_data(date=tomorrow))
    assert response.context["form"].errors == {
        "date": ["The date achieved cannot be in the future."]
    }
    assert "Tenancy agreement seen" in response.content.decode()
    assert not Outcome.objects.exists()


def test_it_requires_an_outcome_type(client, login, alice, case):
    login(alice)
    response = client.post(url_for(case), outcome_data(outcome_type=""))
    assert response.context["form"].errors == {"outcome_type": ["Choose the outcome."]}


def test_it_404s_for_evaluators(client, login, evaluator, case):
    login(evaluator)
    assert client.get(url_for(case)).status_code == 404


def test_it_404s_for_other_borough(client, login, charlie, case):
    login(charlie)
    assert client.get(url_for(case)).status_code == 404
    assert client.post(url_for(case), outcome_data()).status_code == 404
    assert not Outcome.objects.exists()
