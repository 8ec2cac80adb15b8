import re
from datetime import date

import pytest
from django.urls import reverse

from reporting.evaluation import series_months
from sos.models import BoroughYearCost
from tests.factories import CaseFactory, OffenceFactory, SessionFactory

URL = reverse("reporting:evaluation")


def test_it_is_not_for_caseworkers(client, login, alice):
    login(alice)
    assert client.get(URL).status_code == 403


def small_cohort(borough):
    """Four measurable episodes, three of them with a proven reoffence: counts under 5."""
    for offended in [True, True, True, False]:
        case = CaseFactory(
            client__borough=borough,
            client__last_name="Canarysurname",
            referral_date=date(2023, 1, 2),
            index_date=date(2023, 1, 3),
        )
        SessionFactory(
            case=case, date=date.today().replace(day=1) - __import__("datetime").timedelta(days=20)
        )
        if offended:
            OffenceFactory(
                client=case.client, offence_date=date(2023, 3, 1), outcome_date=date(2023, 5, 1)
            )


def test_it_shows_the_team_unsuppressed_figures(client, login, manager, southwark):
    small_cohort(southwark)
    login(manager)
    html = client.get(URL).content.decode()
    assert "<strong>75.0%</strong> of 4 young people reoffended" in html
    assert "n = 4" in html
    assert "we can be 95% confident that the true rate" in html


def test_it_shows_an_evaluator_suppressed_aggregates_of_their_borough_only(
    client, login, evaluator, southwark, croydon
):
    small_cohort(southwark)
    small_cohort(croydon)
    login(evaluator)
    # Asking for another borough is a 404 (sos.access.chosen_boroughs), not their own instead.
    assert client.get(URL, {"borough": croydon.pk}).status_code == 404
    response = client.get(URL)
    html = response.content.decode()
    assert [borough.name for borough in response.context["boroughs"]] == ["Southwark"]
    assert "Croydon" not in html
    # A cohort of four: its only quarter is "<5", so the whole (also four) is hidden as "[c]".
    assert "n = [c]" in html and "75.0%" not in html
    assert "[c]: hidden so that a hidden count cannot be worked out" in html
    assert "Canarysurname" not in html
    assert not re.search(r'href="/(clients|casework)/', html)


def test_it_divides_yearly_cost_by_young_people_supported(client, login, manager, southwark):
    small_cohort(southwark)
    BoroughYearCost.objects.create(borough=southwark, year=2023, total_cost=8000)
    login(manager)
    [cost] = client.get(URL).context["costs"]
    assert (cost.year, cost.clients, cost.per_client) == (2023, 4, 2000)


@pytest.mark.parametrize("cohorts", [1, 4])
def test_it_builds_the_page_in_a_fixed_number_of_queries(
    client, login, manager, southwark, django_assert_num_queries, cohorts
):
    for _ in range(cohorts):
        small_cohort(southwark)
    login(manager)
    # session, user, 2FA device, boroughs (2: the page's and the picker's); reoffending (3);
    # the five monthly series (5) and the distinct young people over the period (1: the
    # people series' totals, never a sum of months); outcome rates; costs
    with django_assert_num_queries(16):
        client.get(URL)


def test_it_totals_people_once_over_the_period_never_person_months(
    client, login, manager, southwark
):
    months = series_months(date.today())
    first, third = months[0], months[2]
    # One young person active in three months, one referred and started twice.
    CaseFactory(
        client__borough=southwark,
        referral_date=first.first,
        index_date=first.first,
        closure_date=third.last,
    )
    twice = CaseFactory(
        client__borough=southwark, referral_date=first.first, index_date=first.first
    ).client
    CaseFactory(client=twice, referral_date=third.first, index_date=third.first)
    login(manager)
    series = {item["name"]: item for item in client.get(URL).context["series"]}
    active = series["Active caseload"]
    assert [cell for _label, cell in active["rows"]][:3] == ["2", "2", "2"]
    assert active["total"] == "2"  # not 6 person-months
    assert series["Referrals"]["total"] == "2"  # three referrals, two young people
    assert sum(int(cell) for _label, cell in series["Referrals"]["rows"]) == 3
