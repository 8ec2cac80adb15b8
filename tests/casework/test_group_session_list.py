from datetime import date

import pytest
from django.urls import reverse

from tests.factories import GroupSessionFactory
from tests.keyset_pages import every_page

URL = reverse("casework:group_session_list")


def add_group_sessions(borough, facilitators, count, **fields):
    for _ in range(count):
        GroupSessionFactory(borough=borough, facilitators=facilitators, **fields)


def test_it_lists_group_work_in_the_users_boroughs_only(client, login, alice, southwark, croydon):
    mine = GroupSessionFactory(borough=southwark, facilitators=[alice])
    GroupSessionFactory(borough=croydon)
    login(alice)
    response = client.get(URL)
    assert list(response.context["page"]) == [mine]
    assert mine.setting_name in response.content.decode()


def test_it_filters_by_borough_and_month(client, login, manager, southwark, croydon):
    manager.boroughs.add(croydon)
    january = GroupSessionFactory(borough=southwark, date=date(2025, 1, 31))
    GroupSessionFactory(borough=southwark, date=date(2025, 2, 1))
    in_croydon = GroupSessionFactory(borough=croydon, date=date(2025, 1, 15))
    login(manager)
    page = client.get(URL, {"month": "2025-01"}).context["page"]
    assert set(page) == {january, in_croydon}
    page = client.get(URL, {"month": "2025-01", "borough": southwark.pk}).context["page"]
    assert list(page) == [january]


def test_it_pages_newest_first_through_a_filtered_month_once(
    client, login, manager, southwark, croydon
):
    manager.boroughs.add(croydon)
    for day in range(1, 29):  # two workshops a day in February: ties on the date
        add_group_sessions(southwark, [manager], 2, date=date(2025, 2, day))
    add_group_sessions(croydon, [], 3, date=date(2025, 2, 10))
    add_group_sessions(southwark, [], 3, date=date(2025, 3, 1))
    login(manager)
    shown, page, params = every_page(
        client,
        URL,
        {"month": "2025-02", "borough": southwark.pk},
        kept=["month=2025-02", f"borough={southwark.pk}"],
    )
    assert len(shown) == len(set(shown)) == 56
    assert shown == sorted(shown, key=lambda group: (group.date, group.pk), reverse=True)
    assert {group.borough for group in shown} == {southwark}
    back = client.get(URL, {**params, "after": "", "before": page.previous_key})
    assert list(back.context["page"]) == shown[25:50]


def test_it_ignores_a_bad_filter_value(client, login, alice, southwark):
    GroupSessionFactory(borough=southwark)
    login(alice)
    response = client.get(URL, {"month": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 1


def test_it_does_not_offer_another_borough_as_a_filter(client, login, charlie, southwark):
    in_southwark = GroupSessionFactory(borough=southwark)
    login(charlie)
    response = client.get(URL, {"borough": southwark.pk})
    assert in_southwark not in response.context["page"]
    assert list(response.context["page"]) == []


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_in_a_fixed_number_of_queries(
    client, login, alice, bob, southwark, django_assert_num_queries, count
):
    add_group_sessions(southwark, [alice, bob], count)
    login(alice)
    # session, user, verified 2FA device, borough choices of the filter form, count (capped at
    # 1,001 rows), page of group work (a keyset page, no OFFSET, with borough), their
    # facilitators
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"]) == min(count, 25)


def test_it_admits_admins_to_every_borough(client, login, admin_user, southwark, croydon):
    add_group_sessions(southwark, [], 1)
    add_group_sessions(croydon, [], 1)
    login(admin_user)
    assert len(client.get(URL).context["page"]) == 2


def test_it_forbids_evaluators(client, login, evaluator, southwark):
    GroupSessionFactory(borough=southwark)
    login(evaluator)
    assert client.get(URL).status_code == 403


def test_it_404s_for_other_borough(client, login, charlie, southwark):
    # A list has no object to 404 on: another borough's group work is simply absent.
    GroupSessionFactory(borough=southwark)
    login(charlie)
    assert client.get(URL).context["page"].count == 0


def test_it_is_in_the_navigation_for_staff_but_not_evaluators(client, login, alice, evaluator):
    login(alice)
    assert URL in client.get(reverse("home")).content.decode()
    login(evaluator)
    assert URL not in client.get(reverse("home")).content.decode()
