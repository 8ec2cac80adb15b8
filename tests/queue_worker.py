"""The task queue's real worker (`manage.py procrastinate worker`, as `make run` starts it) in a
process of its own on the test database, for tests that need `transaction=True`; and emptying
the queue's tables, which Django's flush between such tests leaves alone (unmanaged models)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.reliability.database import database_url_for_tests

BASE_DIR = Path(__file__).resolve().parents[1]
BOOT_SECONDS = 60  # a cold Django import on a busy two-core machine


def wait_for(condition, seconds: float, *, every: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def worker_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM procrastinate_workers")
        return {row[0] for row in cursor.fetchall()}


def start_worker(*options: str, output: Path | None = None) -> tuple[subprocess.Popen, int]:
    """Start a worker (with the worker command's `options`) and wait until it has registered;
    returns the process and its id in procrastinate_workers. What it prints (email, without
    EMAIL_HOST) goes to `output`."""
    before = worker_ids()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        "SECRET_KEY": settings.SECRET_KEY,
        "PRIVATE_FILES_DIR": str(settings.PRIVATE_FILES_DIR),
        "SITE_URL": settings.SITE_URL,
        "EMAIL_HOST": "",
    }
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", "procrastinate", "worker", *options],
        cwd=BASE_DIR,
        env=env,
        stdout=output.open("w") if output else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not wait_for(lambda: worker_ids() - before, BOOT_SECONDS):
        stop_worker(process)
        raise AssertionError("the worker did not start")
    [worker_id] = worker_ids() - before
    return process, worker_id


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def empty_queue() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, "
            "procrastinate_workers CASCADE"
        )
