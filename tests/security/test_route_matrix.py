"""The borough matrix: every route x every role x {own borough, other borough}.

Roles are alice (Southwark caseworker), charlie (Croydon caseworker, the "other borough
caseworker" for Southwark's records and the owner of Croydon's), the Southwark manager, an
admin and a Southwark evaluator. Every sample record carries its borough's canary
(tests/security/conftest.py), so a leak shows up as a canary in a response body.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.conftest import CANARIES
from tests.security.matrix import MATRIX, expectation
from tests.security.routes import walk
from tests.security.test_deny_by_default import OPEN_TO_ANONYMOUS
from tests.sign_in import sign_in

ROLES = {
    "alice": ("caseworker", "Southwark"),
    "charlie": ("caseworker", "Croydon"),
    "manager": ("manager", "Southwark"),
    "admin_user": ("admin", None),
    "evaluator": ("evaluator", "Southwark"),
}


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def forbidden_canaries(role: str, home: str | None) -> list[str]:
    """Canaries `role` must never see: evaluators none at all, others none outside home."""
    if role == "evaluator":
        return list(CANARIES.values())
    return [canary for borough, canary in CANARIES.items() if home and borough != home]


@pytest.fixture
def signed_in(request):
    """A test client per persona, each signed in with a verified second factor."""
    return {name: sign_in(Client(), request.getfixturevalue(name)) for name in ROLES}


def test_it_classifies_every_route_in_the_matrix(routes):
    unlisted = [name for name, _url in routes if name not in OPEN_TO_ANONYMOUS]
    unlisted = [name for name in unlisted if name not in MATRIX]
    unlisted = [name for name in unlisted if not name.startswith(("admin:", "django-admin/"))]
    assert unlisted == [], "add these routes to tests/security/matrix.py"


def test_it_lists_no_route_that_no_longer_exists():
    names = {name for name, *_ in walk() if name}
    assert set(MATRIX) - names == set()


def canary_hits(persona: str, name: str, response) -> list[tuple]:
    role, home = ROLES[persona]
    text = body(response)
    return [(persona, name, canary) for canary in forbidden_canaries(role, home) if canary in text]


def test_it_gives_every_role_its_expected_answer_on_its_own_borough(routes_by_borough, signed_in):
    wrong, hits, walked, own_data_seen = [], [], 0, 0
    for persona, (role, home) in ROLES.items():
        for name, url in routes_by_borough[home or "Southwark"]:
            expected = expectation(name)
            response = signed_in[persona].get(url)
            walked += 1
            hits += canary_hits(persona, name, response)
            own_data_seen += CANARIES[home or "Southwark"] in body(response)
            if expected is None:
                if role != "admin" and response.status_code not in (302, 403):
                    wrong.append((persona, name, response.status_code))
            elif response.status_code != expected.own(role):
                wrong.append((persona, name, response.status_code, expected.own(role)))
    assert wrong == []
    assert hits == []
    assert walked >= len(MATRIX) * len(ROLES)
    # The canaries are findable: roles allowed to see them do, on their own records' pages.
    assert own_data_seen > 0


def test_it_answers_404_for_every_record_of_another_borough(routes_by_borough, signed_in):
    leaks, hits, cells = [], [], 0
    for persona, (role, home) in ROLES.items():
        if home is None:
            continue  # admins see every borough
        other = "Croydon" if home == "Southwark" else "Southwark"
        for name, url in routes_by_borough[other]:
            expected = expectation(name)
            if expected is None or not expected.scoped:
                continue
            for method in ("GET", "POST"):
                response = getattr(signed_in[persona], method.lower())(url)
                cells += 1
                hits += canary_hits(persona, name, response)
                if response.status_code != expected.other_borough(role, method):
                    leaks.append((persona, method, name, response.status_code))
    assert leaks == []
    assert hits == []
    assert cells >= 2 * 4 * sum(1 for row in MATRIX.values() if row.scoped)


def test_it_refuses_every_record_to_evaluators_get_and_post(routes_by_borough, signed_in):
    """Evaluators see no client page at all: no name, special-category note or offence detail."""
    leaks = []
    for records in routes_by_borough.values():
        for name, url in records:
            expected = expectation(name)
            if expected is None or not expected.scoped:
                continue
            for method in ("get", "post"):
                response = getattr(signed_in["evaluator"], method)(url)
                leaks += canary_hits("evaluator", name, response)
                if response.status_code not in (403, 404, 405):
                    leaks.append((method, name, response.status_code))
    assert leaks == []


def test_it_sends_anonymous_visitors_to_login_for_every_record(routes_by_borough, client):
    open_records = []
    for records in routes_by_borough.values():
        for name, url in records:
            if name in OPEN_TO_ANONYMOUS:
                continue
            response = client.get(url, follow=True)
            if response.request["PATH_INFO"] != reverse("login"):
                open_records.append((name, response.status_code))
            posted = client.post(url)
            if posted.status_code != 302:
                open_records.append((name, "POST", posted.status_code))
    assert open_records == []
