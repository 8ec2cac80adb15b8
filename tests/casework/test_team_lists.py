"""The team page's data-quality lists: each shows its count and its most urgent rows, and "See
all" opens the whole list in keyset pages. Every figure and row here is recomputed from the raw
rows, not read back from the selectors that made the page."""

import random
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework.models import InterventionType, Outcome, Session
from casework.views import team
from clients.models import Case
from sos.models import Role
from tests.factories import CaseFactory, OutcomeFactory, SessionFactory, UserFactory
from tests.keyset_pages import every_page

LISTS = ["no_interventions", "no_contact", "unverified"]
FULL = {name: f"casework:team_{name}" for name in LISTS}


@pytest.fixture
def records(southwark, croydon, alice, charlie):
    """A seeded draw of cases in both boroughs (some of Southwark's young people supported in
    Croydon and the other way round), open, closed in the window or before it, with attended
    and missed sessions, some with an intervention, and outcomes, some verified."""
    rng = random.Random(2323)  # noqa: S311 - a repeatable draw of synthetic rows, not a secret
    today = timezone.localdate()
    kind = InterventionType.objects.first()
    checker = UserFactory(role=Role.MANAGER, boroughs=[southwark])
    for _ in range(70):
        client_borough, case_borough = rng.choice(
            [(southwark, southwark)] * 5 + [(croydon, croydon)] * 2
            + [(southwark, croydon), (croydon, southwark)]
        )  # fmt: skip
        referred = today - timedelta(days=rng.randint(20, 900))
        closed = rng.choice([None, None, today - timedelta(days=rng.randint(0, 500))])
        case = CaseFactory(
            client__borough=client_borough,
            borough=case_borough,
            caseworker=rng.choice([alice, charlie, None]),
            referral_date=referred,
            closure_date=closed if closed and closed >= referred else None,
        )
        for _ in range(rng.randint(0, 3)):
            session = SessionFactory(
                case=case,
                date=today - timedelta(days=rng.randint(0, min(150, (today - referred).days))),
                attendance=rng.choice(["attended", "attended", "dna"]),
                logged_by=alice,
            )
            if rng.random() < 0.4:
                session.interventions.add(kind)
        for _ in range(rng.randint(0, 2)):
            verified = rng.random() < 0.3
            OutcomeFactory(
                case=case,
                date=today - timedelta(days=rng.randint(0, 400)),
                verified_by=checker if verified else None,
                verified_at=timezone.now() if verified else None,
            )
    return today


def expected(
    name: str, *, borough_ids: set[int], today: date, chosen: set[int] | None = None
) -> list[int]:
    """The ids list `name` should hold for a manager of `borough_ids` showing the `chosen` ones
    (all of them if None), in its order, by the definitions written on the page: cases open at
    any time in the last 12 months, supported in a chosen borough, of a young person the manager
    may see (one living in any of their boroughs)."""
    window = today - timedelta(days=365)
    chosen = borough_ids if chosen is None else chosen

    def in_scope(case: Case) -> bool:
        in_window = case.closure_date is None or case.closure_date >= window
        return in_window and case.borough_id in chosen and case.client.borough_id in borough_ids

    if name == "no_interventions":
        rows = [
            s
            for s in Session.objects.select_related("case__client").prefetch_related(
                "interventions"
            )
            if in_scope(s.case)
            and s.attendance == "attended"
            and s.date >= today - timedelta(days=90)
            and not s.interventions.all()
        ]
        return [s.pk for s in sorted(rows, key=lambda s: (s.date, s.pk), reverse=True)]
    if name == "unverified":
        rows = [
            o
            for o in Outcome.objects.select_related("case__client")
            if in_scope(o.case) and o.verified_by_id is None
        ]
        return [o.pk for o in sorted(rows, key=lambda o: (o.date, o.pk), reverse=True)]
    cutoff = today - timedelta(days=settings.NO_CONTACT_FLAG_DAYS)
    attended = {}
    for s in Session.objects.filter(attendance="attended"):
        attended[s.case_id] = max(attended.get(s.case_id, s.date), s.date)
    waiting = [
        (attended.get(c.pk, c.referral_date), c.pk)
        for c in Case.objects.select_related("client")
        if in_scope(c) and c.closure_date is None
    ]
    return [pk for since, pk in sorted(waiting) if since <= cutoff]


def test_each_list_shows_its_count_and_its_most_urgent_rows(
    client, login, manager, southwark, records
):
    login(manager)
    response = client.get(reverse("casework:team"))
    page = response.content.decode()
    lists = {row["name"]: row for row in response.context["quality"]}
    for name in LISTS:
        ids = expected(name, borough_ids={southwark.pk}, today=records)
        assert lists[name]["count"] == len(ids)
        assert [row.pk for row in lists[name]["rows"]] == ids[: team.DATA_QUALITY_ROWS]
        assert re.search(rf'id="{name}">[^<]*: {len(ids)}</h3>', page)
        # "See all" only when the list holds more than the page shows.
        assert (f"See all {len(ids)}<" in page) is (len(ids) > team.DATA_QUALITY_ROWS)
    # The draw must exercise the bound, not pass on short lists.
    assert max(row["count"] for row in lists.values()) > team.DATA_QUALITY_ROWS
    assert f"shows the {team.DATA_QUALITY_ROWS} most urgent" in page


@pytest.mark.parametrize("name", LISTS)
def test_the_full_list_is_every_row_in_order_page_by_page(
    client, login, manager, southwark, records, monkeypatch, name
):
    monkeypatch.setattr(team, "DATA_QUALITY_PAGE", 4)
    login(manager)
    rows, last, params = every_page(client, reverse(FULL[name]), {}, kept=[])
    ids = expected(name, borough_ids={southwark.pk}, today=records)
    assert [row.pk for row in rows] == ids
    assert len(ids) > 4  # more than one page
    assert last.count == len(ids)
    # Previous from the last page gives the rows just before it.
    previous = client.get(reverse(FULL[name]), {"before": last.previous_key}).context["page"]
    end = len(ids) - len(last.rows)
    assert [row.pk for row in previous] == ids[max(0, end - 4) : end]


@pytest.mark.parametrize("name", LISTS)
def test_another_boroughs_rows_never_appear(
    client, login, manager, southwark, croydon, records, name
):
    login(manager)
    croydon_manager = UserFactory(role=Role.MANAGER, boroughs=[croydon])
    theirs = set(expected(name, borough_ids={croydon.pk}, today=records))
    assert theirs  # the draw gave Croydon rows of this list
    mine = {row.pk for row in client.get(reverse(FULL[name])).context["page"]}
    assert mine and not mine & theirs
    team_page = client.get(reverse("casework:team")).context[name]
    assert not {row.pk for row in team_page} & theirs
    assert client.get(reverse(FULL[name]), {"borough": croydon.pk}).status_code == 404
    login(croydon_manager)
    assert {row.pk for row in client.get(reverse(FULL[name])).context["page"]} == theirs


@pytest.mark.parametrize("name", LISTS)
def test_a_manager_of_two_boroughs_sees_each_as_chosen(
    client, login, southwark, croydon, records, monkeypatch, name
):
    """Young people of either borough supported in the chosen one: those who moved from one to
    the other stay on their support borough's lists."""
    monkeypatch.setattr(team, "DATA_QUALITY_PAGE", 4)
    both = {southwark.pk, croydon.pk}
    login(UserFactory(role=Role.MANAGER, boroughs=[southwark, croydon]))
    for chosen in ({croydon.pk}, {southwark.pk}, both):
        params = {"borough": next(iter(chosen))} if len(chosen) == 1 else {}
        ids = expected(name, borough_ids=both, today=records, chosen=chosen)
        kept = [f"borough={value}" for value in params.values()]
        rows, _last, _params = every_page(client, reverse(FULL[name]), params, kept=kept)
        assert [row.pk for row in rows] == ids
        lists = client.get(reverse("casework:team"), params).context["quality"]
        assert next(row["count"] for row in lists if row["name"] == name) == len(ids)
    moved = expected(name, borough_ids=both, today=records, chosen={croydon.pk})
    assert set(moved) - set(expected(name, borough_ids={croydon.pk}, today=records))


def test_the_manager_can_verify_every_outcome_from_the_full_list(
    client, login, manager, southwark, records, monkeypatch
):
    monkeypatch.setattr(team, "DATA_QUALITY_PAGE", 4)
    login(manager)
    waiting = expected("unverified", borough_ids={southwark.pk}, today=records)
    assert len(waiting) > team.DATA_QUALITY_ROWS
    url = reverse("casework:team_unverified")
    while True:
        page = client.get(url).content.decode()
        forms = re.findall(
            r'<form method="post" action="(/[^"]+/verify/)"[^>]*>'
            r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
            r'<input type="hidden" name="next" value="([^"]+)">',
            page,
        )
        if not forms:
            break
        action, token, back = forms[0]
        response = client.post(action, {"csrfmiddlewaretoken": token, "next": back})
        assert response.status_code == 302 and response.url == url
    assert not Outcome.objects.filter(pk__in=waiting, verified_by__isnull=True).exists()
    assert Outcome.objects.filter(pk__in=waiting, verified_by=manager).count() == len(waiting)
    assert "None." in page


def test_the_verify_forms_pass_csrf_with_the_one_token(client, login, manager, southwark):
    outcome = OutcomeFactory(case=CaseFactory(client__borough=southwark))
    verify = reverse("casework:outcome_verify", args=[outcome.pk])
    checking = type(client)(enforce_csrf_checks=True)
    login(manager)
    checking.cookies = client.cookies
    page = checking.get(reverse("casework:team")).content.decode()
    (token,) = re.search(
        rf'action="{verify}"[^>]*><input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        page,
    ).groups()
    assert checking.post(verify, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    assert checking.post(verify, {"csrfmiddlewaretoken": token}).status_code == 302
    outcome.refresh_from_db()
    assert outcome.verified_by == manager


@pytest.mark.parametrize("name", LISTS)
def test_it_is_for_managers_and_admins(client, login, alice, evaluator, name):
    for user in (alice, evaluator):
        login(user)
        assert client.get(reverse(FULL[name])).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_it_404s_for_other_borough(client, login, manager, croydon, name):
    login(manager)
    assert client.get(reverse(FULL[name]), {"borough": croydon.pk}).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_a_full_list_is_read_in_a_fixed_number_of_queries(
    client, login, manager, southwark, django_assert_num_queries, size
):
    for _ in range(size):
        case = CaseFactory(
            client__borough=southwark, referral_date=timezone.localdate() - timedelta(days=90)
        )
        SessionFactory(case=case, date=timezone.localdate() - timedelta(days=30))
        OutcomeFactory(case=case)
    login(manager)
    for name in LISTS:
        # session, user, verified 2FA device, the chosen boroughs' ids, the page of rows, their
        # count (up to the cap), boroughs (filter form).
        with django_assert_num_queries(7):
            response = client.get(reverse(FULL[name]))
        assert len(response.context["page"].rows) == size


def test_each_row_links_where_reverse_says(client, login, manager, southwark, records):
    """The paths built from one reversal (casework.views.team._link) are the URLs themselves."""
    login(manager)
    page = client.get(reverse("casework:team")).content.decode()
    first = {
        name: expected(name, borough_ids={southwark.pk}, today=records)[: team.DATA_QUALITY_ROWS]
        for name in LISTS
    }
    client_of_case = dict(Case.objects.values_list("pk", "client_id"))
    client_of_outcome = dict(Outcome.objects.values_list("pk", "case__client_id"))
    wanted = (
        [reverse("casework:session_detail", args=[pk]) for pk in first["no_interventions"]]
        + [reverse("casework:timeline", args=[client_of_case[pk]]) for pk in first["no_contact"]]
        + [reverse("casework:timeline", args=[client_of_outcome[pk]]) for pk in first["unverified"]]
        + [reverse("casework:outcome_verify", args=[pk]) for pk in first["unverified"]]
    )
    assert all(f'"{path}"' in page for path in wanted)
    assert len(wanted) > 3 * team.DATA_QUALITY_ROWS
