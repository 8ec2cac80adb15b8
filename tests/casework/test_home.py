from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import CaseFactory, SessionFactory


@pytest.mark.parametrize(("days_ago", "flagged"), [(13, False), (14, True)])
def test_it_flags_a_case_after_14_days_without_contact(
    client, login, alice, southwark, days_ago, flagged
):
    case = CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date.today() - timedelta(days=100),
    )
    SessionFactory(case=case, date=date.today() - timedelta(days=days_ago))
    SessionFactory(case=case, date=date.today() - timedelta(days=2), attendance="dna")
    login(alice)
    [row] = client.get(reverse("home")).context["caseload"]
    assert row.last_contact == date.today() - timedelta(days=days_ago)
    assert row.contact_overdue is flagged


def test_it_counts_from_referral_when_there_was_no_contact(client, login, alice, southwark):
    CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date.today() - timedelta(days=20),
        index_date=None,
    )
    login(alice)
    [row] = client.get(reverse("home")).context["caseload"]
    assert row.last_contact is None and row.contact_overdue


def test_it_follows_the_threshold_setting(client, login, alice, southwark, settings):
    settings.NO_CONTACT_FLAG_DAYS = 30
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    SessionFactory(case=case, date=date.today() - timedelta(days=20))
    login(alice)
    [row] = client.get(reverse("home")).context["caseload"]
    assert not row.contact_overdue


def test_it_shows_my_hours_this_month_against_last(client, login, alice, southwark):
    case = CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date.today() - timedelta(days=90),
    )
    first_of_month = date.today().replace(day=1)
    SessionFactory(case=case, date=first_of_month, duration_minutes=90)
    SessionFactory(case=case, date=first_of_month, duration_minutes=60, attendance="dna")
    SessionFactory(case=case, date=first_of_month - timedelta(days=1), duration_minutes=30)
    login(alice)
    hours = client.get(reverse("home")).context["hours"]
    assert hours == {"this_month": 1.5, "last_month": 0.5}


def test_it_lists_my_actions_due(client, login, alice, bob, southwark):
    mine = CaseFactory(client__borough=southwark, caseworker=alice)
    SessionFactory(case=mine, next_action="Call the housing officer", next_action_due=date.today())
    theirs = CaseFactory(client__borough=southwark, caseworker=bob)
    SessionFactory(case=theirs, next_action="Not mine", next_action_due=date.today())
    login(alice)
    actions = client.get(reverse("home")).context["actions"]
    assert [session.next_action for session in actions] == ["Call the housing officer"]


def test_it_links_each_case_and_action_where_reversing_their_routes_would(
    client, login, alice, southwark
):
    cases = [CaseFactory(client__borough=southwark, caseworker=alice) for _ in range(3)]
    actions = [
        SessionFactory(case=case, next_action="Call", next_action_due=date.today())
        for case in cases
    ]
    login(alice)
    html = client.get(reverse("home")).content.decode()
    for case in cases:
        timeline = reverse("casework:timeline", args=[case.client_id])
        # Once for the case, once for its action.
        assert html.count(f'href="{timeline}"') == 2
    for session in actions:
        assert f'action="{reverse("casework:action_done", args=[session.pk])}"' in html


@pytest.mark.parametrize("cases", [2, 12])
def test_it_builds_home_in_a_fixed_number_of_queries(
    client, login, alice, southwark, django_assert_num_queries, cases
):
    for _ in range(cases):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case, next_action="Follow up", next_action_due=date.today())
    login(alice)
    # session, user, verified 2FA device, boroughs, caseload with last contact, actions due, hours
    with django_assert_num_queries(7):
        client.get(reverse("home"))


def test_each_case_shows_its_status_and_log_link_as_the_case_gives_them(
    client, login, alice, southwark
):
    referred = CaseFactory(client__borough=southwark, caseworker=alice, index_date=None)
    active = CaseFactory(client__borough=southwark, caseworker=alice)
    login(alice)
    html = client.get(reverse("home")).content.decode()
    log = reverse("casework:session_log")
    for case in (referred, active):
        # Independent of the page: the case's own status on reading it again, and the route.
        case.refresh_from_db()
        row = html.split(f'href="{log}?case={case.pk}"')[0].rsplit("<li", 1)[1]
        badge = f'<span class="badge status-{case.status}">{case.get_status_display()}</span>'
        assert badge in row
        assert case.client.display_name in row
    assert {referred.status, active.status} == {"referred", "active"}
