from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.models import Assessment, AssessmentDomain, AssessmentStage
from tests.factories import AssessmentFactory


@pytest.fixture
def case(southwark_client):
    return southwark_client.cases.get()


def assessment_data(**overrides):
    data = {"date": date.today().isoformat(), "stage": "intake"}
    for score, domain in enumerate(AssessmentDomain.objects.filter(is_active=True), start=3):
        data[f"score_{domain.pk}"] = str(score)
    return {**data, **overrides}


def score_field(name):
    return f"score_{AssessmentDomain.objects.get(name=name).pk}"


def url_for(case):
    return reverse("casework:assessment_add", args=[case.pk])


def test_it_records_an_assessment_with_a_score_per_domain(client, login, alice, case):
    login(alice)
    response = client.post(url_for(case), assessment_data())
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.case, assessment.assessed_by) == (case, alice)
    scores = {score.domain.name: score.score for score in assessment.scores.all()}
    assert scores["Confidence"] == 3 and len(scores) == 6


def test_it_asks_only_about_active_domains(client, login, alice, case):
    AssessmentDomain.objects.filter(name="Housing stability").update(is_active=False)
    login(alice)
    form = client.get(url_for(case)).context["form"]
    assert score_field("Housing stability") not in form.fields
    assert score_field("Confidence") in form.fields
    assert client.post(url_for(case), assessment_data()).status_code == 302
    assert Assessment.objects.get().scores.count() == 5


def test_it_offers_intake_first_and_review_afterwards(client, login, alice, case):
    login(alice)
    assert client.get(url_for(case)).context["form"]["stage"].value() == AssessmentStage.INTAKE
    AssessmentFactory(case=case)
    assert client.get(url_for(case)).context["form"]["stage"].value() == AssessmentStage.REVIEW


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Give a score from 1 to 10."),
        ("0", "Scores run from 1 to 10."),
        ("11", "Scores run from 1 to 10."),
        ("lots", "Give a whole number from 1 to 10."),
    ],
)
def test_it_refuses_a_missing_or_out_of_range_score_beside_its_domain(
    client, login, alice, case, value, message
):
    login(alice)
    field = score_field("Feeling safe")
    response = client.post(url_for(case), assessment_data(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {field: [message]}
    html = response.content.decode()
    assert f'id="error_1_id_{field}"' in html and message in html
    confidence = score_field("Confidence")
    assert f'name="{confidence}" value="3"' in html  # the other scores are kept
    assert not Assessment.objects.exists()


def test_it_refuses_an_assessment_before_the_referral(client, login, alice, case):
    login(alice)
    before = (case.referral_date - timedelta(days=1)).isoformat()
    response = client.post(url_for(case), assessment_data(date=before))
    message = f"This is before the referral on {case.referral_date:%-d %b %Y}."
    assert response.context["form"].errors == {"date": [message]}
    html = response.content.decode()
    assert message in html and f'value="{before}"' in html
    assert not Assessment.objects.exists()


def test_it_refuses_an_assessment_in_the_future(client, login, alice, case):
    login(alice)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(url_for(case), assessment_data(date=tomorrow))
    assert response.context["form"].errors == {
        "date": ["The assessment date cannot be in the future."]
    }


def test_it_requires_a_stage(client, login, alice, case):
    login(alice)
    response = client.post(url_for(case), assessment_data(stage=""))
    assert response.context["form"].errors == {"stage": ["Choose the stage."]}


def test_it_404s_for_evaluators(client, login, evaluator, case):
    login(evaluator)
    assert client.get(url_for(case)).status_code == 404


def test_it_404s_for_other_borough(client, login, charlie, case):
    login(charlie)
    assert client.get(url_for(case)).status_code == 404
    assert client.post(url_for(case), assessment_data()).status_code == 404
    assert not Assessment.objects.exists()


def test_it_offers_the_stages_without_a_blank_radio(client, login, alice, case):
    login(alice)
    html = client.get(url_for(case)).content.decode()
    assert 'name="stage" value=""' not in html
