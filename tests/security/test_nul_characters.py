"""A NUL character in any query parameter or posted field is refused with 400 and a page naming
the field, before any view (PostgreSQL text cannot hold one: issue 14.2 was a 500 on a search)."""

import pytest
from django.urls import reverse

from casework.models import Session
from reporting.models import MonthlyReturn


def test_it_refuses_a_nul_in_the_session_search(client, login, alice):
    login(alice)
    response = client.get("/casework/sessions/log/?q=abc%00def")
    assert response.status_code == 400
    assert "<strong>q</strong>" in response.content.decode()


@pytest.mark.parametrize("persona", ["alice", "manager", "admin_user"])
@pytest.mark.parametrize(
    "url",
    [
        "clients:list",
        "casework:session_log",
        "casework:group_session_list",
        "audit:access_search",
        "casework:notes_search",
    ],
)
def test_it_refuses_a_nul_in_any_query_parameter(client, login, request, persona, url):
    login(request.getfixturevalue(persona))
    for query in ["q=%00", "page=1%00", "x%00y=1", "q=ok&q=%00"]:
        assert client.get(f"{reverse(url)}?{query}").status_code == 400, query


def test_it_refuses_a_nul_in_a_posted_field_and_saves_nothing(
    client, login, alice, southwark_client
):
    login(alice)
    case = southwark_client.cases.get()
    response = client.post(
        reverse("casework:session_log"),
        {"case": case.pk, "notes": "before\x00after", "date": "01/01/2025"},
    )
    assert response.status_code == 400
    assert "<strong>notes</strong>" in response.content.decode()
    assert not Session.objects.exists()


def test_it_refuses_a_nul_in_a_field_a_view_reads_itself(client, login, manager, southwark):
    login(manager)
    response = client.post(
        reverse("reporting:return_sign_off"),
        {"month": "2026-11", "borough": southwark.pk, "note": "\x00"},
    )
    assert response.status_code == 400
    assert not MonthlyReturn.objects.exists()


def test_it_refuses_a_nul_before_sign_in(client):
    response = client.post(reverse("login"), {"username": "a\x00@example.invalid", "password": "x"})
    assert response.status_code == 400
