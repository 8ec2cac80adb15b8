"""A client's timeline (issues 18.5 and 23.1): every kind of entry newest first, filtered by
kind and period, in keyset pages whose cost does not grow with the client's history."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import InterventionType, Session
from casework.timeline import PAGE_SIZE
from tests.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    CaseFactory,
    GoalFactory,
    GoalReviewFactory,
    OffenceFactory,
    OutcomeFactory,
    SessionFactory,
)
from tests.keyset_pages import every_page


def _url(client_record) -> str:
    return reverse("casework:timeline", args=[client_record.pk])


def _sessions(case, count: int, *, day):
    """`count` sessions, a few a day going back from `day`, in one insert."""
    sessions = [
        SessionFactory.build(case=case, date=day - timedelta(days=n // 3)) for n in range(count)
    ]
    Session.objects.bulk_create(sessions)


def _history(case, alice, *, sessions: int):
    """A client with one or more of every kind of entry, many of them on the same days, so
    paging must break ties between kinds and rows."""
    today = timezone.localdate()
    client_record = case.client
    _sessions(case, sessions, day=today)
    for back in (0, 0, 1, 40, 200):
        OutcomeFactory(case=case, date=today - timedelta(days=back))
        OffenceFactory(client=client_record, offence_date=today - timedelta(days=back))
        assessment = AssessmentFactory(case=case, date=today - timedelta(days=back))
        AssessmentScoreFactory(assessment=assessment)
        GoalReviewFactory(goal=GoalFactory(case=case), date=today - timedelta(days=back))
    session = Session.objects.filter(case=case).first()
    session.interventions.set(InterventionType.objects.all()[:2])
    return client_record


def _independent(client_record) -> Counter:
    """Every entry the timeline should hold, as (day, kind, title), read straight from the
    tables rather than through casework.timeline."""
    entries = Counter()
    for case in client_record.cases.all():
        entries[(case.referral_date, "milestone", "Referred")] += 1
        if case.index_date:
            entries[(case.index_date, "milestone", "Support started")] += 1
        if case.closure_date:
            closed = f"Support closed: {case.closure_reason}"
            entries[(case.closure_date, "milestone", closed)] += 1
        for session in case.sessions.all():
            entries[(session.date, "session", str(session))] += 1
        for outcome in case.outcomes.all():
            entries[(outcome.date, "outcome", str(outcome.outcome_type))] += 1
        for assessment in case.assessments.all():
            entries[(assessment.date, "assessment", str(assessment))] += 1
        for goal in case.goals.all():
            set_on = timezone.localdate(goal.created_at)
            entries[(set_on, "goal", f"Goal set: {goal}")] += 1
            for review in goal.reviews.all():
                entries[(review.date, "goal", f"Goal reviewed: {goal}")] += 1
    for offence in client_record.offences.all():
        entries[(offence.offence_date, "offence", f"Offence: {offence.category}")] += 1
    return entries


def _seen(entries) -> Counter:
    return Counter((entry.day, entry.kind, entry.title) for entry in entries)


def test_it_404s_for_other_borough(client, login, charlie, southwark_client):
    login(charlie)
    assert client.get(_url(southwark_client)).status_code == 404


def test_it_pages_through_every_entry_once_newest_first_and_back(
    client, login, alice, southwark_client
):
    history = _history(southwark_client.cases.get(), alice, sessions=60)
    login(alice)
    rows, last_page, params = every_page(client, _url(history), {}, kept=[])
    assert _seen(rows) == _independent(history)
    assert len({entry.position for entry in rows}) == len(rows)
    assert [entry.day for entry in rows] == sorted((entry.day for entry in rows), reverse=True)
    assert {entry.kind for entry in rows} == {
        "session",
        "outcome",
        "offence",
        "goal",
        "assessment",
        "milestone",
    }
    # Previous from the last page walks back over the same entries in the same order.
    backwards, page = [], last_page
    while page.previous_key:
        page = client.get(_url(history), {"before": page.previous_key}).context["page"]
        backwards = list(page) + backwards
    assert backwards == rows[: len(backwards)]
    assert len(backwards) + len(last_page) == len(rows)


@pytest.mark.parametrize("sessions", [10, 1000])
def test_a_page_costs_the_same_queries_for_any_history(
    client, login, alice, southwark_client, django_assert_num_queries, sessions
):
    history = _history(southwark_client.cases.get(), alice, sessions=sessions)
    login(alice)
    # session, user, verified 2FA device, client, current case, active flags; one query per
    # source of entries (referrals, starts, offences, sessions, assessments, goals, goal
    # reviews, outcomes, closures) plus the sessions' interventions and the assessments'
    # scores; distance travelled; the access record (audit.reads)
    with django_assert_num_queries(19):
        response = client.get(_url(history))
    assert len(response.context["page"]) == PAGE_SIZE


def test_a_page_weighs_the_same_for_any_history(client, login, alice, southwark, southwark_client):
    small = _history(southwark_client.cases.get(), alice, sessions=10)
    large_case = CaseFactory(client__borough=southwark, client__first_name="Jay", caseworker=alice)
    large = _history(large_case, alice, sessions=1000)
    login(alice)
    responses = [client.get(_url(person)) for person in (small, large)]
    assert [len(response.context["page"]) for response in responses] == [PAGE_SIZE] * 2
    sizes = [len(response.content) for response in responses]
    # A full first page either way; only ids in links and the mix of kinds differ.
    assert abs(sizes[0] - sizes[1]) < sizes[0] * 0.02, sizes


def test_it_shows_only_the_kinds_chosen(client, login, alice, southwark_client):
    history = _history(southwark_client.cases.get(), alice, sessions=40)
    login(alice)
    params = {"kind": ["outcome", "goal"]}
    rows, _, _ = every_page(client, _url(history), params, kept=['value="outcome" checked'])
    expected = Counter(
        {entry: n for entry, n in _independent(history).items() if entry[1] in params["kind"]}
    )
    assert _seen(rows) == expected


def test_it_shows_only_the_period_chosen(client, login, alice, southwark_client):
    history = _history(southwark_client.cases.get(), alice, sessions=40)
    today = timezone.localdate()
    login(alice)
    rows, _, _ = every_page(client, _url(history), {"period": "3"}, kept=['value="3" selected'])
    # Three months back is 89 to 92 days; nothing in the history is dated near that edge.
    everything = _independent(history)
    assert not [e for e in everything if 85 <= (today - e[0]).days <= 95]
    expected = {e: n for e, n in everything.items() if (today - e[0]).days < 90}
    assert _seen(rows) == Counter(expected)
    start, end = today - timedelta(days=45), today - timedelta(days=1)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    rows, _, _ = every_page(client, _url(history), params, kept=[start.isoformat()])
    expected = {e: n for e, n in _independent(history).items() if start <= e[0] <= end}
    assert rows and _seen(rows) == Counter(expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "everything"}, "Select a valid choice"),
        ({"period": "99"}, "Select a valid choice"),
        ({"start": "2026-02-31"}, "2026-02-31 is not a real date."),
        ({"start": "2026-05-02", "end": "2026-05-01"}, "This is before the From date"),
        ({"after": "not-a-key"}, ""),
        ({"before": "2026-01-01_99_1"}, ""),
        ({"after": "9999-12-31_3_99999999999999999999999"}, ""),
    ],
)
def test_it_ignores_filters_that_do_not_fit_and_says_why(
    client, login, alice, southwark_client, params, message
):
    history = _history(southwark_client.cases.get(), alice, sessions=5)
    login(alice)
    response = client.get(_url(history), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    # The rest of the timeline is shown as if the bad value were not there.
    assert list(response.context["page"]) == list(client.get(_url(history)).context["page"])
