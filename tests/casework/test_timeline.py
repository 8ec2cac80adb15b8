import pytest
from django.urls import reverse

from casework.models import (
    Assessment,
    AssessmentDomain,
    AssessmentScore,
    Goal,
    GoalReview,
    Pathway,
)
from tests.factories import OffenceFactory, SessionFactory


def test_it_404s_for_other_borough(client, login, charlie, southwark_client):
    login(charlie)
    url = reverse("casework:timeline", args=[southwark_client.pk])
    assert client.get(url).status_code == 404


def test_it_shows_sessions_offences_and_milestones_newest_first(
    client, login, alice, southwark_client
):
    case = southwark_client.cases.get()
    SessionFactory(case=case)
    OffenceFactory(client=southwark_client)
    login(alice)
    entries = client.get(reverse("casework:timeline", args=[southwark_client.pk])).context[
        "entries"
    ]
    assert {entry.kind for entry in entries} == {"session", "offence", "milestone"}
    assert [entry.day for entry in entries] == sorted((e.day for e in entries), reverse=True)


@pytest.mark.parametrize("sessions", [1, 15])
def test_it_builds_the_timeline_in_a_fixed_number_of_queries(
    client, login, alice, southwark_client, django_assert_num_queries, sessions
):
    case = southwark_client.cases.get()
    for _ in range(sessions):
        SessionFactory(case=case)
        OffenceFactory(client=southwark_client)
        goal = Goal.objects.create(
            case=case, pathway=Pathway.objects.first(), description="Goal", created_by=alice
        )
        GoalReview.objects.create(
            goal=goal, date=case.referral_date, status="achieved", reviewed_by=alice
        )
        assessment = Assessment.objects.create(
            case=case, date=case.referral_date, stage="intake", assessed_by=alice
        )
        AssessmentScore.objects.create(
            assessment=assessment, domain=AssessmentDomain.objects.first(), score=4
        )
    login(alice)
    # session, user, verified 2FA device, client, current case, active flags; cases, sessions +
    # interventions, outcomes, offences, goals + reviews, assessments + scores, distance; the
    # access record (audit.reads)
    with django_assert_num_queries(17):
        client.get(reverse("casework:timeline", args=[southwark_client.pk]))
