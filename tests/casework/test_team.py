import calendar
import html
import random
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from casework.models import Session
from casework.selectors import hours_text
from clients.models import Case
from sos.models import Role
from tests.factories import CaseFactory, OutcomeFactory, SessionFactory, UserFactory


def test_it_is_for_managers_and_admins(client, login, alice, evaluator):
    for user in (alice, evaluator):
        login(user)
        assert client.get(reverse("casework:team")).status_code == 403


def test_it_shows_caseload_and_hours_per_caseworker(client, login, manager, alice, southwark):
    for _ in range(3):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case, date=date.today().replace(day=1), duration_minutes=60)
    login(manager)
    members = {m["pk"]: m for m in client.get(reverse("casework:team")).context["members"]}
    assert members[alice.pk]["active_caseload"] == 3
    assert members[alice.pk]["hours_this_month"] == 3
    assert members[alice.pk]["hours_this_month_text"] == "3.0"


def test_it_shows_only_the_managers_boroughs(client, login, manager, charlie, croydon):
    CaseFactory(client__borough=croydon, caseworker=charlie)
    login(manager)
    response = client.get(reverse("casework:team"))
    assert charlie.pk not in {member["pk"] for member in response.context["members"]}
    assert charlie.get_full_name() not in response.content.decode()
    assert f"caseworker={charlie.pk}&" not in response.content.decode()
    assert client.get(reverse("casework:team"), {"borough": croydon.pk}).status_code == 404


def months_back(today: date, count: int) -> list[tuple[date, date]]:
    """(first day, last day counted) of the last `count` months, oldest first, by plain
    calendar arithmetic: the month in progress is counted to today."""
    months = []
    for back in range(count):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        first = date(year, month + 1, 1)
        last = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        months.append((first, min(last, today)))
    return months[::-1]


def test_it_shows_hours_and_caseload_per_month_as_recomputed_from_the_rows(
    client, login, manager, alice, bob, southwark, croydon
):
    """Random cases and sessions over the last nine months, some in another borough or not
    attended, recounted here from the raw rows: hours of attended sessions each person logged
    in each month (wherever), and their active cases in the shown borough at each month's end
    (today for this month)."""
    rng = random.Random(23)  # noqa: S311 - a repeatable draw of synthetic rows, not a secret
    today = timezone.localdate()
    start = today - timedelta(days=270)
    bob.boroughs.add(croydon)  # works in both: his Croydon cases are not the page's caseload
    people = [alice, bob, manager]
    for _ in range(40):
        referred = start + timedelta(days=rng.randint(0, 250))
        index = referred + timedelta(days=rng.randint(0, 20)) if rng.random() < 0.85 else None
        closed = referred + timedelta(days=rng.randint(20, 200)) if rng.random() < 0.5 else None
        case = CaseFactory(
            client__borough=rng.choice([southwark, southwark, croydon]),
            caseworker=rng.choice(people),
            referral_date=referred,
            index_date=index if index and index <= today else None,
            closure_date=closed if closed and closed <= today else None,
        )
        for _ in range(rng.randint(0, 4)):
            SessionFactory(
                case=case,
                date=min(today, referred + timedelta(days=rng.randint(0, 200))),
                duration_minutes=rng.choice([15, 30, 45, 60, 90]),
                attendance=rng.choice(["attended", "attended", "dna"]),
                logged_by=rng.choice(people),
            )
    login(manager)
    members = {m["pk"]: m for m in client.get(reverse("casework:team")).context["members"]}

    sessions = list(Session.objects.select_related("case__client"))
    cases = list(Case.objects.select_related("client"))
    months = months_back(today, 6)
    for person in people:
        shown = members[person.pk]["months"]
        assert [month["first"] for month in shown] == [first for first, _ in months]
        for month, (first, last) in zip(shown, months, strict=True):
            minutes = sum(
                s.duration_minutes
                for s in sessions
                if s.logged_by_id == person.pk
                and s.attendance == "attended"
                and first <= s.date <= last
            )
            active = [
                c
                for c in cases
                if c.caseworker_id == person.pk
                and c.client.borough_id == southwark.pk
                and c.index_date is not None
                and c.index_date <= last
                and (c.closure_date is None or c.closure_date > last)
            ]
            assert month["hours"] == minutes / 60
            assert month["hours_text"] == floatformat(minutes / 60, 1)
            assert month["caseload"] == len(active)
        assert members[person.pk]["active_caseload"] == shown[-1]["caseload"]
    # The data above must exercise the figures, not pass on zeros.
    assert any(m["hours"] for member in members.values() for m in member["months"])
    assert any(m["caseload"] for member in members.values() for m in member["months"])


def test_hours_read_as_the_templates_floatformat_wrote_them():
    """Every total of whole minutes up to 500 hours, halves included (3 minutes is 0.05 h),
    reads as Django's floatformat:1 writes minutes / 60, which the page used before."""
    assert [hours_text(minutes) for minutes in range(30_001)] == [
        floatformat(minutes / 60, 1) for minutes in range(30_001)
    ]


def test_it_shows_each_members_name_role_and_hours_as_written(
    client, login, manager, alice, southwark
):
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    SessionFactory(case=case, date=date.today().replace(day=1), duration_minutes=93)
    login(manager)
    page = client.get(reverse("casework:team")).content.decode()
    row = re.search(rf"<tr><td><a [^>]*>{alice.get_full_name()}</a>.*?</tr>", page).group(0)
    assert f"<td>{alice.get_role_display()}</td>" in row
    assert row.endswith('<td class="text-end">1.6</td></tr>')  # 93 minutes, 1.55 h
    months = re.search(rf'<th scope="row">{alice.get_full_name()}</th>.*?</tr>', page).group(0)
    assert months.count("<td") == 6
    assert months.endswith('<td class="text-end">1.6 h<br>1 cases</td></tr>')


@pytest.mark.parametrize("open_cases, marked", [(40, False), (41, True)])
def test_it_says_in_words_when_a_caseload_is_above_the_norm(
    client, login, manager, alice, southwark, open_cases, marked
):
    CaseFactory.create_batch(open_cases, client__borough=southwark, caseworker=alice)
    login(manager)
    page = client.get(reverse("casework:team")).content.decode()
    row = re.search(rf"<tr><td><a [^>]*>{alice.get_full_name()}</a>.*?</tr>", page).group(0)
    assert f">{open_cases} " in row or f">{open_cases}<" in row
    assert ("above the norm" in row) is marked
    # The months table says so too, in each month whose count is above the norm and no other.
    months = re.search(rf'<th scope="row">{alice.get_full_name()}</th>(.*?)</tr>', page).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", months)
    assert cells[-1].startswith(f"0.0 h<br>{open_cases} cases")
    for cell in cells:
        count = int(re.search(r"<br>(\d+) cases", cell).group(1))
        assert ("above the norm" in cell) is (count > settings.CASELOAD_NORM)


def test_the_norm_is_a_setting(client, login, manager, alice, southwark, settings):
    settings.CASELOAD_NORM = 2
    CaseFactory.create_batch(3, client__borough=southwark, caseworker=alice)
    login(manager)
    page = client.get(reverse("casework:team")).content.decode()
    assert "The agreed norm is 2 active cases" in page
    assert "above the norm" in page


def test_each_name_links_to_that_caseworkers_caseload(
    client, login, manager, alice, bob, southwark
):
    mine = CaseFactory.create_batch(3, client__borough=southwark, caseworker=alice)
    CaseFactory(client__borough=southwark, caseworker=bob)
    CaseFactory(client__borough=southwark, caseworker=alice, closure_date=date.today())
    login(manager)
    page = client.get(reverse("casework:team")).content.decode()
    link = re.search(rf'<a href="([^"]+)">{alice.get_full_name()}</a>', page).group(1)
    listed = client.get(html.unescape(link)).context["page"].rows
    assert sorted(c.pk for c in listed) == sorted(case.client_id for case in mine)
    members = client.get(reverse("casework:team")).context["members"]
    assert next(m for m in members if m["pk"] == alice.pk)["active_caseload"] == len(mine)


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


@pytest.mark.parametrize("size", [2, 12])
def test_it_builds_the_team_view_in_a_fixed_number_of_queries(
    client, login, manager, southwark, django_assert_num_queries, size
):
    # `size` caseworkers, each with `size` young people, each with an attended session and an
    # outcome to verify: the count may not grow with either.
    for _ in range(size):
        caseworker = UserFactory(role=Role.CASEWORKER, boroughs=[southwark])
        for _ in range(size):
            case = CaseFactory(client__borough=southwark, caseworker=caseworker)
            SessionFactory(case=case)
            OutcomeFactory(case=case)
    login(manager)
    # session, user, verified 2FA device, the chosen boroughs' ids, the user's boroughs (for the
    # picker, read in the view so the data-quality lists plan by their ids), team members, their
    # cases' counts (one query for every month's caseload), their hours grouped by month, the
    # three data-quality lists (each its first rows and its count in one query, COUNT(*) OVER
    # ()). Two more than before: the boroughs are read once as ids so that every other query
    # plans for their own rows, and the caseloads per month end are counted on the cases in
    # those boroughs, not as annotations on the members query.
    with django_assert_num_queries(11):
        client.get(reverse("casework:team"))


def test_every_data_quality_list_covers_cases_open_in_the_last_12_months(
    client, login, manager, alice, southwark
):
    """A case closed just before the window drops off every list; one closed on its first day,
    and a case open for years (open, so in the window), stay; the page says which window."""
    today = timezone.localdate()
    first_day = today - timedelta(days=365)
    long_ago = today - timedelta(days=5 * 365)

    def case(closed):
        kept = CaseFactory(
            client__borough=southwark,
            caseworker=alice,
            referral_date=long_ago,
            closure_date=closed,
        )
        # A session logged late (within the last 90 days, no intervention) and an outcome
        # still to verify, on each case.
        SessionFactory(case=kept, date=today - timedelta(days=10))
        OutcomeFactory(case=kept, date=today - timedelta(days=400))
        return kept

    case(first_day - timedelta(days=1))
    on_first_day = case(first_day)
    years_open = CaseFactory(
        client__borough=southwark, caseworker=alice, referral_date=long_ago, index_date=None
    )
    OutcomeFactory(case=years_open, date=long_ago)
    login(manager)
    response = client.get(reverse("casework:team"))
    context = response.context
    assert {s.case_id for s in context["no_interventions"]} == {on_first_day.pk}
    assert {o.case_id for o in context["unverified"]} == {on_first_day.pk, years_open.pk}
    assert [c.pk for c in context["no_contact"]] == [years_open.pk]
    assert f"open at any time in the last 12 months, since {first_day:%-d %b %Y}" in (
        response.content.decode()
    )
