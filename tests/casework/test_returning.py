"""Issue 18.6: an action started from a page comes back to that page, filters and all, by the
link the page itself shows; a `next` that is not a path on this site goes to the default."""

import html
import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from casework.models import OutcomeType
from clients.models import ClosureReason
from tests.factories import GoalFactory, RiskFlagFactory, SessionFactory

HOSTILE = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]


def _link(page_html: str, text: str, within: str = "") -> str:
    """The address of the first link whose text starts with `text` (and whose address holds
    `within`), as the browser would follow it."""
    match = re.search(rf'href="([^"]*{re.escape(within)}[^"]*)"[^>]*>{re.escape(text)}', page_html)
    assert match, text
    return html.unescape(match.group(1))


@pytest.fixture
def case(southwark_client):
    return southwark_client.cases.get()


@pytest.fixture
def filtered_timeline(case) -> str:
    timeline = reverse("casework:timeline", args=[case.client_id])
    return f"{timeline}?kind=outcome&kind=goal&period=12"


def test_recording_an_outcome_returns_to_the_filtered_timeline(
    client, login, alice, case, filtered_timeline
):
    login(alice)
    form_url = _link(client.get(filtered_timeline).content.decode(), "Record an outcome")
    data = {
        "outcome_type": OutcomeType.objects.get(name="Secured accommodation").pk,
        "date": date.today().isoformat(),
        "evidence": "Tenancy agreement seen",
    }
    response = client.post(form_url, data)
    assert response.status_code == 302 and response.url == filtered_timeline
    assert client.get(response.url).context["page"].rows[0].kind == "outcome"


def test_reviewing_a_goal_returns_to_the_filtered_timeline(
    client, login, alice, case, filtered_timeline
):
    goal = GoalFactory(case=case, description="Find a college course")
    login(alice)
    page = client.get(filtered_timeline).content.decode()
    form_url = _link(page, "Goal set: Find a college course")
    data = {"date": date.today().isoformat(), "status": "achieved", "note": "Enrolled"}
    response = client.post(form_url, data)
    assert response.status_code == 302 and response.url == filtered_timeline
    goal.refresh_from_db()
    assert goal.status == "achieved"


def test_correcting_a_session_returns_to_the_session_it_started_from(client, login, alice, case):
    session = SessionFactory(case=case)
    login(alice)
    timeline = reverse("casework:timeline", args=[case.client_id]) + "?kind=session"
    detail_url = _link(client.get(timeline).content.decode(), str(session))
    edit_url = _link(client.get(detail_url).content.decode(), "Correct this session")
    data = {
        "date": session.date.isoformat(),
        "duration_choice": "90",
        "attendance": session.attendance,
        "contact_type": session.contact_type,
        "version": session.version,
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302 and response.url == detail_url


def test_logging_a_session_from_a_client_page_returns_to_it(client, login, alice, case):
    login(alice)
    details = reverse("clients:detail", args=[case.client_id])
    # The client's own "Log a session", not the menu's.
    form_url = _link(client.get(details).content.decode(), "Log a session", "?case=")
    data = {
        "case": case.pk,
        "date": date.today().isoformat(),
        "duration_choice": "30",
        "attendance": "attended",
        "contact_type": "face_to_face",
        "submission_token": str(uuid.uuid4()),
    }
    response = client.post(form_url, data)
    assert response.status_code == 302 and response.url == details


def test_closing_support_and_clearing_a_flag_return_to_the_page_given(
    client, login, alice, case, filtered_timeline
):
    flag = RiskFlagFactory(client=case.client)
    login(alice)
    clear = reverse("clients:risk_flag_clear", args=[flag.pk])
    response = client.post(clear, {"next": filtered_timeline})
    assert response.url == filtered_timeline
    close = reverse("clients:case_close", args=[case.pk])
    data = {
        "closure_date": date.today().isoformat(),
        "closure_reason": ClosureReason.objects.get(name="Completed").pk,
        "version": case.version,
        "next": filtered_timeline,
    }
    response = client.post(close, data)
    assert response.url == filtered_timeline


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_next_off_this_site_goes_to_the_default_page(client, login, alice, case, hostile):
    login(alice)
    url = reverse("casework:goal_add", args=[case.pk])
    data = {"pathway": 1, "description": "Open a bank account", "next": hostile}
    goal_form = client.get(url).context["form"]
    data["pathway"] = goal_form.fields["pathway"].queryset.first().pk
    response = client.post(url + "?next=" + hostile, data)
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[case.client_id])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_cancel_returns_where_saving_would(client, login, alice, case, filtered_timeline, hostile):
    login(alice)
    form = reverse("casework:outcome_add", args=[case.pk])
    page = client.get(form, {"next": filtered_timeline}).content.decode()
    assert _link(page, "Cancel") == filtered_timeline
    page = client.get(form, {"next": hostile}).content.decode()
    assert _link(page, "Cancel") == reverse("clients:detail", args=[case.client_id])
