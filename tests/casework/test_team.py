from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import CaseFactory, SessionFactory


def test_it_is_for_managers_and_admins(client, login, alice, evaluator):
    for user in (alice, evaluator):
        login(user)
        assert client.get(reverse("casework:team")).status_code == 403


def test_it_shows_caseload_and_hours_per_caseworker(client, login, manager, alice, southwark):
    for _ in range(3):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case, date=date.today().replace(day=1), duration_minutes=60)
    login(manager)
    members = {m.pk: m for m in client.get(reverse("casework:team")).context["members"]}
    assert members[alice.pk].active_caseload == 3
    assert members[alice.pk].hours_this_month == 3


def test_it_shows_only_the_managers_boroughs(client, login, manager, charlie, croydon):
    CaseFactory(client__borough=croydon, caseworker=charlie)
    login(manager)
    response = client.get(reverse("casework:team"))
    assert charlie not in response.context["members"]
    assert client.get(reverse("casework:team"), {"borough": croydon.pk}).status_code == 404


def test_it_lists_data_quality_problems(client, login, manager, alice, southwark):
    quiet = CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date.today() - timedelta(days=200),
    )
    SessionFactory(case=quiet, date=date.today() - timedelta(days=31))
    login(manager)
    context = client.get(reverse("casework:team")).context
    assert [case.pk for case in context["no_contact"]] == [quiet.pk]
    assert len(context["no_interventions"]) == 1


@pytest.mark.parametrize("cases", [2, 12])
def test_it_builds_the_team_view_in_a_fixed_number_of_queries(
    client, login, manager, alice, southwark, django_assert_num_queries, cases
):
    for _ in range(cases):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case)
    login(manager)
    # session, user, verified 2FA device, boroughs (filter form), team members, their hours, the
    # three data-quality lists
    with django_assert_num_queries(9):
        client.get(reverse("casework:team"))
