"""Issue 18.8: one no-contact rule and one setting. An open case whose last attended session,
or its referral when there has been none, is NO_CONTACT_FLAG_DAYS (14) or more days ago is
flagged on the caseworker's home, listed on the manager's team page, found by the Young
people filter and counted in the emails; the same cases everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reminders.selectors import morning_counts, team_counts
from tests.factories import CaseFactory, SessionFactory


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def cases(southwark, croydon, alice, charlie):
    """Each case named by whether the rule must flag it, the edges on either side of 14 days."""

    def case(first_name, borough=southwark, caseworker=alice, **kwargs):
        return CaseFactory(
            client__first_name=first_name,
            client__borough=borough,
            caseworker=caseworker,
            **kwargs,
        )

    flagged = {
        # The example: referred 20 days ago, never seen, so never started.
        "Referred": case("Referred", referral_date=days_ago(20), index_date=None),
        "Fourteen": case("Fourteen"),
        "Absent": case("Absent"),
    }
    SessionFactory(case=flagged["Fourteen"], date=days_ago(14))
    # A session that did not go ahead is not contact.
    SessionFactory(case=flagged["Absent"], date=days_ago(20))
    SessionFactory(
        case=flagged["Absent"], date=days_ago(2), attendance="dna", duration_minutes=None
    )
    not_flagged = {
        "Thirteen": case("Thirteen"),
        "Newly": case("Newly", referral_date=days_ago(13), index_date=None),
        "Closed": case("Closed", closure_date=days_ago(1)),
        "Croydon": case("Croydon", borough=croydon, caseworker=charlie),
    }
    SessionFactory(case=not_flagged["Thirteen"], date=days_ago(13))
    return flagged, not_flagged


def names(rows) -> set[str]:
    return {row.client.first_name for row in rows}


def test_home_flags_the_cases_the_rule_flags(client, login, alice, cases):
    flagged, _ = cases
    login(alice)
    caseload = client.get(reverse("home")).context["caseload"]
    assert names(case for case in caseload if case.contact_overdue) == set(flagged)
    assert morning_counts(alice, today=timezone.localdate()).without_contact == len(flagged)


def test_the_manager_lists_every_such_case_in_their_boroughs(client, login, manager, cases):
    flagged, _ = cases
    login(manager)
    response = client.get(reverse("casework:team"))
    assert names(response.context["no_contact"]) == set(flagged)
    assert team_counts(manager, today=timezone.localdate()).no_contact == len(flagged)
    assert "?contact=overdue" in response.content.decode()


def test_young_people_filters_by_the_same_rule(client, login, manager, cases):
    flagged, _ = cases
    login(manager)
    page = client.get(reverse("clients:list"), {"contact": "overdue"}).context["page"]
    assert {person.first_name for person in page} == set(flagged)


def test_the_rule_follows_the_setting(client, login, alice, cases, settings):
    settings.NO_CONTACT_FLAG_DAYS = 21
    login(alice)
    page = client.get(reverse("clients:list"), {"contact": "overdue"}).context["page"]
    assert {person.first_name for person in page} == set()
    assert "No contact in 21 days or more" in client.get(reverse("clients:list")).content.decode()


def test_young_people_shows_the_last_contact(client, login, alice, cases):
    login(alice)
    html = client.get(reverse("clients:list")).content.decode()
    assert f"{days_ago(13):%-d %b %Y}" in html  # Thirteen's last attended session
    assert f"{days_ago(2):%-d %b %Y}" not in html  # Absent's session did not go ahead
