"""SECURITY.md "worker killed": gunicorn, run as in production (two sync workers, sos.wsgi, DEBUG
off), loses a worker to SIGKILL; the master starts a new one and /health/ answers 200 again
within 5 s. Killed in the middle of a referral's transaction, after the young person's row is
written and before their case is, the worker leaves nothing behind, and the same POST then
succeeds once. The workers use the test database, so nothing touches the developer's own."""

import http.client
import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psutil
import pytest
from django.conf import settings
from django.urls import reverse

from clients.models import Case, Client, ReferralSource
from tests.reliability.database import closed_port, database_url_for_tests, second_connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        importlib.util.find_spec("gunicorn") is None,
        reason="gunicorn is not installed (it is a dependency in pyproject.toml: pip install -e .)",
    ),
]

BASE_DIR = Path(__file__).resolve().parents[2]
RESPAWN_SECONDS = 5
BOOT_SECONDS = 30  # two cold Django imports on a busy two-core machine


def health_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (local http)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def live_workers(master: psutil.Process) -> set[int]:
    return {
        child.pid
        for child in master.children()
        if child.is_running() and child.status() != psutil.STATUS_ZOMBIE
    }


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def gunicorn():
    port = closed_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        # The test process's key: the sessions it signs in are then valid in the workers.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
    }
    command = [sys.executable, "-m", "gunicorn", "sos.wsgi", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--graceful-timeout", "2"]
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield psutil.Process(process.pid), f"http://127.0.0.1:{port}/health/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_it_answers_again_within_5_seconds_after_a_worker_is_killed(gunicorn):
    master, url = gunicorn
    booted = wait_for(
        lambda: len(live_workers(master)) == 2 and health_status(url) == 200, BOOT_SECONDS
    )
    assert booted, "gunicorn did not start answering /health/"
    before = live_workers(master)
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    respawned = wait_for(
        lambda: len(live_workers(master) - {victim}) == 2 and health_status(url) == 200,
        RESPAWN_SECONDS,
    )
    after = live_workers(master)
    assert respawned, f"workers {before} -> {after} after {time.monotonic() - killed_at:.1f} s"
    assert victim not in after and len(after - before) == 1


# A referral writes the young person, then their case, in one transaction (client_refer): the
# backend that has inserted a client and waits to insert a case. pghistory's middleware puts its
# context's set_config before each statement, hence the leading %.
WAITING_ON_THE_CASE = """
    SELECT activity.pid FROM pg_stat_activity AS activity
    WHERE activity.datname = current_database()
      AND activity.wait_event_type = 'Lock'
      AND activity.query LIKE '%INSERT INTO "clients_case"%'
      AND EXISTS (
          SELECT 1 FROM pg_locks
          WHERE pg_locks.pid = activity.pid AND pg_locks.granted
            AND pg_locks.relation = 'clients_client'::regclass
            AND pg_locks.mode = 'RowExclusiveLock'
      )
"""


def referral(southwark) -> dict:
    return {
        "person-first_name": "Killedmidpost",
        "person-last_name": "Example",
        "person-date_of_birth": "2009-05-04",
        "person-gender": "male",
        "person-ethnicity": "mixed",
        "person-borough": southwark.pk,
        "case-referral_date": date.today().isoformat(),
        "case-referral_source": ReferralSource.objects.get(name="School").pk,
    }


def signed_in_form_post(client, login, user, data: dict) -> tuple[str, dict]:
    """The body and headers of `user` posting `data` to the referral form from a browser that
    signed in (password and second factor) and opened the form: session and CSRF cookies."""
    login(user)
    opened = client.get(reverse("clients:refer"))
    body = urlencode({**data, "csrfmiddlewaretoken": str(opened.context["csrf_token"])})
    cookies = "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies}
    return body, headers


def post(port: int, path: str, body: str, headers: dict) -> tuple[int, str] | None:
    """(status, Location) of the response, or None when the connection died without one."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Location", "")
    except (http.client.HTTPException, OSError):
        return None
    finally:
        conn.close()


def worker_serving_a_request(master: psutil.Process, port: int) -> int | None:
    """The worker holding an accepted HTTP connection (both hold the listening socket)."""
    busy = [
        child.pid
        for child in master.children()
        if any(
            conn.status == psutil.CONN_ESTABLISHED and conn.laddr.port == port
            for conn in child.net_connections("tcp")
        )
    ]
    return busy[0] if len(busy) == 1 else None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_leaves_nothing_partial_when_a_worker_dies_mid_post(
    gunicorn, client, login, alice, southwark
):
    master, url = gunicorn
    port = urlsplit(url).port
    booted = wait_for(
        lambda: len(live_workers(master)) == 2 and health_status(url) == 200, BOOT_SECONDS
    )
    assert booted, "gunicorn did not start answering /health/"
    body, headers = signed_in_form_post(client, login, alice, referral(southwark))
    path = reverse("clients:refer")

    with second_connection() as locker, second_connection() as watcher:
        with ThreadPoolExecutor(max_workers=1) as pool:
            with locker.transaction():
                # Reads of clients_case go on; inserts into it wait until this commits.
                locker.execute("LOCK TABLE clients_case IN EXCLUSIVE MODE")
                killed_post = pool.submit(post, port, path, body, headers)
                wait_for(
                    lambda: killed_post.done() or watcher.execute(WAITING_ON_THE_CASE).fetchone(),
                    BOOT_SECONDS,
                )
                waiting = watcher.execute(WAITING_ON_THE_CASE).fetchall()
                answered = killed_post.result() if killed_post.done() else "no answer yet"
                assert len(waiting) == 1, f"the referral did not wait on its case ({answered})"
                [(backend,)] = waiting
                victim = worker_serving_a_request(master, port)
                assert victim is not None
                os.kill(victim, signal.SIGKILL)
                killed_at = time.monotonic()
            assert killed_post.result(timeout=BOOT_SECONDS) is None

        respawned = wait_for(
            lambda: len(live_workers(master) - {victim}) == 2 and health_status(url) == 200,
            RESPAWN_SECONDS - (time.monotonic() - killed_at),
        )
        assert respawned, f"no new worker answering within {RESPAWN_SECONDS} s"
        # The dead worker's backend, free of the lock, inserts the case, then reads the end of
        # its closed connection instead of a COMMIT, and rolls the whole referral back.
        gone = wait_for(
            lambda: (
                not watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]
                ).fetchall()
            ),
            BOOT_SECONDS,
        )
        assert gone, "the killed worker's transaction is still open"

    assert not Client.objects.filter(first_name="Killedmidpost").exists()
    assert not Case.objects.filter(client__first_name="Killedmidpost").exists()

    status, location = post(port, path, body, headers)
    assert status == 302
    referred = Client.objects.get(first_name="Killedmidpost")
    assert location == reverse("clients:detail", args=[referred.pk])
    assert Case.objects.filter(client=referred).count() == 1
