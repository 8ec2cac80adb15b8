"""Issue 18.12: "Start support" sets a referred case's start date without editing the whole
case, and the case's page offers each lifecycle action only in the state it applies to."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from pghistory.models import Events

from audit.models import AccessRecord
from clients.models import Case, ClosureReason
from tests.concurrency import post_as, race
from tests.factories import CaseFactory


@pytest.fixture
def referred(southwark, alice):
    """A case referred 20 days ago and not started."""
    return CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date.today() - timedelta(days=20),
        index_date=None,
    )


def start_url(case):
    return reverse("clients:case_start", args=[case.pk])


def actions(html: str, case) -> set[str]:
    """The lifecycle links the client's page offers for `case` and for the young person."""
    offered = set()
    if start_url(case) in html:
        offered.add("start")
    if reverse("clients:case_close", args=[case.pk]) in html:
        offered.add("close")
    if reverse("clients:case_open", args=[case.client_id]) in html:
        offered.add("reopen")
    return offered


CLOSED = {"closure_date": date.today() - timedelta(days=1), "closure_reason": "Disengaged"}


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # A referral that never engages is closed without starting ("Disengaged").
        ({"index_date": None}, {"start", "close"}),
        ({}, {"close"}),
        (CLOSED, {"reopen"}),
        ({**CLOSED, "index_date": None}, {"reopen"}),
    ],
    ids=["referred", "active", "closed", "closed-never-started"],
)
def test_it_offers_each_action_only_when_it_applies(
    client, login, alice, southwark, dates, expected
):
    if "closure_reason" in dates:
        dates = {**dates, "closure_reason": ClosureReason.objects.get(name="Disengaged")}
    case = CaseFactory(client__borough=southwark, caseworker=alice, **dates)
    login(alice)
    html = client.get(reverse("clients:detail", args=[case.client_id])).content.decode()
    assert actions(html, case) == expected


def test_it_asks_for_the_date_with_today_offered_and_audits_the_form(
    client, login, alice, referred
):
    login(alice)
    response = client.get(start_url(referred))
    assert response.status_code == 200
    field = re.search(r'<input[^>]*name="index_date"[^>]*>', response.content.decode())[0]
    assert f'value="{date.today().isoformat()}"' in field
    referred.refresh_from_db()
    assert referred.index_date is None  # a GET changes nothing
    (record,) = AccessRecord.objects.filter(route="clients:case_start")
    assert (record.object_id, record.client_id) == (referred.pk, referred.client_id)


def test_it_starts_support_on_the_date_given(client, login, alice, referred):
    login(alice)
    day = referred.referral_date + timedelta(days=3)
    response = client.post(start_url(referred), {"index_date": day.isoformat()})
    assert response.status_code == 302
    referred.refresh_from_db()
    assert (referred.index_date, referred.status, referred.version) == (day, "active", 2)
    # The one UPDATE is an audited write, by the person who started support.
    (event,) = Events.objects.filter(pgh_model="clients.CaseEvent", pgh_label="update")
    assert event.pgh_context.get("user") == alice.pk


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the date support started."),
        ("2026-02-31", "2026-02-31 is not a real date."),
        ("tomorrow", "The start of support cannot be in the future."),
        ("before referral", "The start of support cannot be before the referral date"),
    ],
)
def test_it_refuses_a_wrong_date_beside_the_field(client, login, alice, referred, typed, message):
    typed = {
        "tomorrow": (date.today() + timedelta(days=1)).isoformat(),
        "before referral": (referred.referral_date - timedelta(days=1)).isoformat(),
    }.get(typed, typed)
    login(alice)
    response = client.post(start_url(referred), {"index_date": typed})
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.split('class="alert alert-danger error-summary"')[1].split("</div>")[0]
    assert 'href="#id_index_date"' in summary and message in summary
    assert f'value="{typed}"' in html or typed == ""
    referred.refresh_from_db()
    assert referred.index_date is None


def test_it_keeps_the_first_date_when_posted_twice(client, login, alice, referred):
    login(alice)
    first, second = (referred.referral_date + timedelta(days=n) for n in (2, 5))
    client.post(start_url(referred), {"index_date": first.isoformat()})
    response = client.post(start_url(referred), {"index_date": second.isoformat()}, follow=True)
    assert response.status_code == 200
    assert "already started or closed: nothing was changed" in response.content.decode()
    referred.refresh_from_db()
    assert (referred.index_date, referred.version) == (first, 2)


@pytest.mark.parametrize("state", ["active", "closed"])
def test_it_changes_nothing_on_a_case_not_waiting_to_start(client, login, alice, southwark, state):
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    if state == "closed":
        case.closure_date = date.today()
        case.closure_reason = ClosureReason.objects.get(name="Completed")
        case.save()
    login(alice)
    before = Case.objects.values().get(pk=case.pk)
    assert client.get(start_url(case)).status_code == 302
    response = client.post(start_url(case), {"index_date": date.today().isoformat()})
    assert response.status_code == 302
    assert Case.objects.values().get(pk=case.pk) == before


def test_it_404s_for_other_borough(client, login, charlie, referred):
    login(charlie)
    assert client.get(start_url(referred)).status_code == 404
    response = client.post(start_url(referred), {"index_date": date.today().isoformat()})
    assert response.status_code == 404
    referred.refresh_from_db()
    assert referred.index_date is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_starts_once_when_two_posts_race(southwark, alice, bob):
    case = CaseFactory(client__borough=southwark, caseworker=alice, index_date=None)
    days = [case.referral_date + timedelta(days=n) for n in (2, 5)]
    statuses = race(
        *(
            post_as(who, start_url(case), {"index_date": day.isoformat()})
            for who, day in zip((alice, bob), days, strict=True)
        )
    )
    assert statuses == [302, 302]
    case.refresh_from_db()
    assert case.index_date in days and case.version == 2
