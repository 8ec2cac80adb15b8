"""Sessions: idle 30 minutes, absolute 12 hours, and no old cookie survives a sign-out or a
password change."""

import datetime as dt

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD
from tests.sign_in import sign_in

MINUTE = dt.timedelta(minutes=1)


def is_signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_it_signs_out_after_31_idle_minutes_not_29(client, login, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(alice)
        clock.shift(29 * MINUTE)
        assert is_signed_in(client)
        clock.shift(31 * MINUTE)
        response = client.get(reverse("home"))
        assert response["Location"].startswith(reverse("login"))


def test_a_page_every_50_seconds_keeps_a_person_signed_in(client, login, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(alice)
        for _ in range(60):  # 50 minutes in all
            clock.shift(50 * dt.timedelta(seconds=1))
            assert is_signed_in(client)


def test_it_writes_the_session_at_most_once_a_minute(client, login, alice):
    """Renewing the idle limit on every page was a database write and commit per request."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(alice)
        clock.shift(61 * dt.timedelta(seconds=1))
        with CaptureQueriesContext(connection) as renewing:
            assert is_signed_in(client)
        clock.shift(30 * dt.timedelta(seconds=1))
        with CaptureQueriesContext(connection) as within_the_minute:
            assert is_signed_in(client)
    assert session_writes(renewing) == 1
    assert session_writes(within_the_minute) == 0


def session_writes(queries) -> int:
    return sum(
        query["sql"].startswith(("UPDATE", "INSERT")) and '"django_session"' in query["sql"]
        for query in queries.captured_queries
    )


def test_it_signs_out_after_12_hours_even_when_active(client, login, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login(alice)
        for _ in range(12 * 3 - 1):  # a page every 20 minutes for 11 h 40 min
            assert is_signed_in(client)
            clock.shift(20 * MINUTE)
        assert is_signed_in(client)
        clock.shift(21 * MINUTE)  # 12 h 01 min after signing in
        response = client.get(reverse("home"))
        assert response["Location"].startswith(reverse("login"))
        assert "_auth_user_id" not in client.session


def test_it_kills_the_old_cookie_at_sign_out(client, login, alice):
    login(alice)
    old_cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    assert not is_signed_in(replay)


def test_it_kills_every_other_session_at_a_password_change(client, login, alice):
    other_browser = sign_in(Client(), alice)
    login(alice)
    old_cookie = client.cookies["sessionid"].value
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-long-new-passphrase-2026",
            "new_password2": "a-long-new-passphrase-2026",
        },
    )
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.cookies["sessionid"].value != old_cookie
    assert not is_signed_in(other_browser)
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    assert not is_signed_in(replay)
