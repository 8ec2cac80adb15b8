from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import SessionFactory


@pytest.fixture
def session(southwark_client, alice):
    return SessionFactory(case=southwark_client.cases.get(), logged_by=alice)


def edit_data(session, **overrides):
    data = {
        "date": session.date.isoformat(),
        "duration_choice": "60",
        "attendance": session.attendance,
        "contact_type": session.contact_type,
        "version": session.version,
    }
    return {**data, **overrides}


@pytest.mark.parametrize("url_name", ["session_detail", "session_edit", "action_done"])
def test_it_404s_for_other_borough(client, login, charlie, session, url_name):
    login(charlie)
    url = reverse(f"casework:{url_name}", args=[session.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code == 404


def test_it_corrects_a_session_and_keeps_the_change_in_its_history(
    client, login, alice, bob, session
):
    login(bob)
    response = client.post(
        reverse("casework:session_edit", args=[session.pk]),
        edit_data(session, duration_choice="other", duration_other="75"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.duration_minutes, session.version) == (75, 2)
    detail = client.get(reverse("casework:session_detail", args=[session.pk]))
    updates = [event for event in detail.context["history"] if event.pgh_label == "update"]
    assert updates[0].user == bob
    assert "duration_minutes" in updates[0].pgh_diff


def test_it_refuses_a_stale_correction(client, login, alice, session):
    login(alice)
    url = reverse("casework:session_edit", args=[session.pk])
    client.post(url, edit_data(session, duration_choice="90"))
    response = client.post(url, edit_data(session, duration_choice="120"))
    assert "Someone else saved this" in response.content.decode()
    session.refresh_from_db()
    assert session.duration_minutes == 90


def test_it_moves_the_index_date_when_the_first_session_is_redated(client, login, alice, session):
    login(alice)
    later = session.date + timedelta(days=3)
    client.post(
        reverse("casework:session_edit", args=[session.pk]),
        edit_data(session, date=later.isoformat()),
    )
    session.case.refresh_from_db()
    assert session.case.index_date == later


def test_it_rejects_get_on_marking_an_action_done(client, login, alice, session):
    login(alice)
    assert client.get(reverse("casework:action_done", args=[session.pk])).status_code == 405
