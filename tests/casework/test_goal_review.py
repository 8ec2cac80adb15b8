from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.models import GoalReview, GoalStatus
from tests.factories import GoalFactory, GoalReviewFactory


@pytest.fixture
def goal(southwark_client, alice):
    return GoalFactory(case=southwark_client.cases.get(), created_by=alice)


def review_data(**overrides):
    data = {"date": date.today().isoformat(), "status": "in_progress", "note": "Went to open day"}
    return {**data, **overrides}


def url_for(goal):
    return reverse("casework:goal_review", args=[goal.pk])


def test_it_reviews_a_goal_and_sets_its_status(client, login, alice, goal):
    login(alice)
    response = client.post(url_for(goal), review_data(status="achieved"))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    review = goal.reviews.get()
    assert (review.reviewed_by, review.note) == (alice, "Went to open day")


def test_it_keeps_the_newest_reviews_status_when_an_older_one_is_entered_late(
    client, login, alice, goal
):
    GoalReviewFactory(goal=goal, date=date.today(), status=GoalStatus.ACHIEVED)
    login(alice)
    last_week = (date.today() - timedelta(days=7)).isoformat()
    client.post(url_for(goal), review_data(date=last_week, status="in_progress"))
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert goal.reviews.count() == 2


def test_it_offers_today_and_the_current_status(client, login, alice, goal):
    goal.status = GoalStatus.IN_PROGRESS
    goal.save()
    GoalReviewFactory(goal=goal, note="Earlier note")
    login(alice)
    response = client.get(url_for(goal))
    form = response.context["form"]
    assert (form["date"].value(), form["status"].value()) == (date.today(), "in_progress")
    html = response.content.decode()
    assert goal.description in html and "Earlier note" in html


def test_it_refuses_a_review_before_the_referral(client, login, alice, goal):
    referral = goal.case.referral_date
    login(alice)
    before = (referral - timedelta(days=1)).isoformat()
    response = client.post(url_for(goal), review_data(date=before, note="Kept note"))
    message = f"This is before the referral on {referral:%-d %b %Y}."
    assert response.context["form"].errors["date"] == [message]
    html = response.content.decode()
    assert message in html and "Kept note" in html
    assert not GoalReview.objects.exists()


def test_it_accepts_a_review_on_the_referral_date(client, login, alice, goal):
    login(alice)
    on_referral = goal.case.referral_date.isoformat()
    assert client.post(url_for(goal), review_data(date=on_referral)).status_code == 302


def test_it_refuses_a_review_in_the_future(client, login, alice, goal):
    login(alice)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(url_for(goal), review_data(date=tomorrow))
    assert response.context["form"].errors["date"] == ["The review date cannot be in the future."]
    assert not GoalReview.objects.exists()


def test_it_refuses_an_unknown_status(client, login, alice, goal):
    login(alice)
    response = client.post(url_for(goal), review_data(status="finished"))
    assert "status" in response.context["form"].errors
    assert "Went to open day" in response.content.decode()


def test_it_lets_a_colleague_and_a_manager_review(client, login, bob, manager, goal):
    for user in (bob, manager):
        login(user)
        assert client.post(url_for(goal), review_data()).status_code == 302
    assert goal.reviews.count() == 2


def test_it_404s_for_evaluators(client, login, evaluator, goal):
    login(evaluator)
    assert client.get(url_for(goal)).status_code == 404


def test_it_404s_for_other_borough(client, login, charlie, goal):
    login(charlie)
    assert client.get(url_for(goal)).status_code == 404
    assert client.post(url_for(goal), review_data()).status_code == 404
    assert not GoalReview.objects.exists()
