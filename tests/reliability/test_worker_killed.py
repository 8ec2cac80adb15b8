"""SECURITY.md "worker killed": gunicorn, run as in production (two sync workers, sos.wsgi, DEBUG
off), loses a worker to SIGKILL; the master starts a new one and /health/ answers 200 again
within 5 s. The workers use the test database, so nothing touches the developer's own."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psutil
import pytest
from django.db import connection

from tests.reliability.database import closed_port

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


def database_url_for_tests() -> str:
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = quote(settings["HOST"] or "localhost", safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{settings['NAME']}"


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
        "SECRET_KEY": "test-only-not-secret",
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
