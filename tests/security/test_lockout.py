"""Lockout: 5 failed sign-ins for one username from one address lock that pair for 15 minutes,
right password or not; guessing spread over many addresses is slowed per username with doubling
delays, except on a browser that has signed in to the account before (issue 14.7)."""

import datetime as dt
import logging

import pytest
import time_machine
from axes.models import AccessFailureLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sos import lockout
from tests.factories import TEST_PASSWORD


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def fail_five_times(client, email):
    for _ in range(5):
        sign_in(client, email, "wrong-password-guess")


def test_it_locks_at_attempt_six_even_with_the_right_password(client, alice):
    for _ in range(4):
        assert sign_in(client, alice.email, "wrong-password-guess").status_code == 200
    assert sign_in(client, alice.email, "wrong-password-guess").status_code == 429
    response = sign_in(client, alice.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_per_username_not_per_browser(client, alice, bob):
    fail_five_times(client, alice.email)
    assert sign_in(client, bob.email, TEST_PASSWORD).status_code == 302


def test_it_counts_an_address_in_other_capitals_as_the_same_username(client, alice):
    for _ in range(5):
        sign_in(client, alice.email.upper(), "wrong-password-guess")
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 429


def sign_in_from(client, email, password, address):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_it_does_not_lock_the_owner_out_from_another_address(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            sign_in_from(client, alice.email, "wrong-password-guess", "192.0.2.1")
        assert sign_in_from(client, alice.email, TEST_PASSWORD, "192.0.2.1").status_code == 429
        # Elsewhere, on a browser new to the account: slowed by the first delay, not locked.
        clock.shift(lockout.FIRST_DELAY)
        assert sign_in_from(client, alice.email, TEST_PASSWORD, "198.51.100.7").status_code == 302


def test_it_slows_guessing_spread_over_many_addresses_with_doubling_delays(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(lockout.FREE_FAILURES):
            response = sign_in_from(client, alice.email, "wrong-guess", f"192.0.2.{n + 1}")
            assert response.status_code == 200  # one guess per address: none is locked
        waited = []
        for doubling in range(7):
            delay = min(lockout.FIRST_DELAY * 2**doubling, lockout.MAX_DELAY)
            address = f"198.51.100.{doubling + 1}"
            slowed = sign_in_from(client, alice.email, TEST_PASSWORD, address)
            assert slowed.status_code == 429 and "_auth_user_id" not in client.session
            clock.shift(delay - dt.timedelta(seconds=1))
            assert sign_in_from(client, alice.email, "wrong-guess", address).status_code == 429
            clock.shift(dt.timedelta(seconds=1))
            assert sign_in_from(client, alice.email, "wrong-guess", address).status_code == 200
            waited.append(delay.total_seconds())
        assert waited == [30, 60, 120, 240, 480, 900, 900]


def test_it_lets_a_botnet_make_at_most_eight_guesses_in_five_minutes(client, alice):
    # One new address every 5 seconds, each guessing at once (NCSC / Cyber Essentials: no
    # more than 10 guesses in 5 minutes).
    with time_machine.travel(timezone.now(), tick=False) as clock:
        guesses = 0
        for n in range(60):
            address = f"203.0.113.{n + 1}"
            guesses += sign_in_from(client, alice.email, "wrong-guess", address).status_code == 200
            clock.shift(dt.timedelta(seconds=5))
    assert guesses == 8


def test_it_caps_the_delay(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(lockout.FREE_FAILURES + 30):
            AccessFailureLog.objects.create(
                username=alice.email,
                ip_address=f"10.0.{n // 200}.{n % 200}",
                user_agent="",
                attempt_time=timezone.now(),
            )
        clock.shift(lockout.MAX_DELAY - dt.timedelta(seconds=1))
        assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 429
        clock.shift(dt.timedelta(seconds=2))
        assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302


def test_it_keeps_slowing_after_the_address_lock_has_forgotten_and_stops_after_a_day(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(lockout.FREE_FAILURES + 3):
            AccessFailureLog.objects.create(
                username=alice.email, ip_address=f"10.0.0.{n}", attempt_time=timezone.now()
            )
        clock.shift(dt.timedelta(minutes=16))  # past django-axes' cool-off
        assert sign_in(client, alice.email, "wrong-guess").status_code == 200
        # The failures before the cool-off still count: the next wait is the fifth doubling.
        assert sign_in_from(client, alice.email, TEST_PASSWORD, "10.1.1.1").status_code == 429
        clock.shift(lockout.FIRST_DELAY * 2**4 - dt.timedelta(seconds=1))
        assert sign_in_from(client, alice.email, TEST_PASSWORD, "10.1.1.1").status_code == 429
        clock.shift(lockout.THROTTLE_WINDOW)
        assert sign_in_from(client, alice.email, TEST_PASSWORD, "10.1.1.1").status_code == 302


def test_it_never_slows_the_owner_on_a_browser_that_signed_in_before(client, alice):
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    stranger = Client()
    for n in range(lockout.FREE_FAILURES + 5):
        sign_in_from(stranger, alice.email, "wrong-guess", f"203.0.113.{n + 1}")
    assert sign_in_from(stranger, alice.email, TEST_PASSWORD, "203.0.113.99").status_code == 429
    # The owner's browser: its cookie marks this account, so it is not slowed.
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302


def test_it_does_not_take_a_device_cookie_for_another_account(client, alice, bob):
    assert sign_in(client, bob.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for n in range(lockout.FREE_FAILURES):
        sign_in_from(client, alice.email, "wrong-guess", f"203.0.113.{n + 1}")
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 429


def test_it_locks_the_address_the_proxy_saw_not_one_the_client_claims(client, alice, settings):
    settings.BEHIND_TLS_PROXY = True
    # Signed in here before, so only the address lock is in play.
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": alice.email, "password": "wrong-password-guess"},
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 192.0.2.1",
            REMOTE_ADDR="127.0.0.1",
        )
    locked = sign_in_from(client, alice.email, TEST_PASSWORD, "127.0.0.1")
    assert locked.status_code == 302  # the proxy's own address is not the one locked
    client.post(reverse("logout"))
    again = client.post(
        reverse("login"),
        {"username": alice.email, "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="10.0.0.1, 192.0.2.1",
    )
    assert again.status_code == 429


@pytest.mark.parametrize(("minutes", "status"), [(14, 429), (16, 302)])
def test_it_unlocks_after_the_cool_off(client, alice, minutes, status):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail_five_times(client, alice.email)
        clock.shift(dt.timedelta(minutes=minutes))
        assert sign_in(client, alice.email, TEST_PASSWORD).status_code == status


def test_it_forgets_failures_older_than_fifteen_minutes(client, alice):
    # At the owner's own computer, which the per-username throttle does not slow.
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            sign_in(client, alice.email, "wrong-password-guess")
        clock.shift(dt.timedelta(minutes=16))
        assert sign_in(client, alice.email, "wrong-password-guess").status_code == 200
        assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302


def test_it_clears_failures_after_a_successful_sign_in(client, alice):
    for _ in range(4):
        sign_in(client, alice.email, "wrong-password-guess")
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        sign_in(client, alice.email, "wrong-password-guess")
    assert sign_in(client, alice.email, TEST_PASSWORD).status_code == 302


def test_it_logs_lockouts_without_the_email_address(client, alice, caplog):
    with caplog.at_level(logging.INFO):
        fail_five_times(client, alice.email)
    messages = [record.getMessage() for record in caplog.records]
    assert any("Locking out username-hash=" in message for message in messages)
    assert not any(alice.email in message for message in messages)


@pytest.mark.parametrize("length", [255, 256, 10_000])
def test_it_answers_a_very_long_username_with_the_form_not_a_server_error(client, db, length):
    # No sign-in needed to reach this: it was a 500 (the lockout record's column is 255 wide).
    username = "a" * (length - len("@example.invalid")) + "@example.invalid"
    for _ in range(6):
        response = sign_in(client, username, "wrong-password-guess")
        assert response.status_code in (200, 429)
    assert response.status_code == 429
