"""SECURITY.md "health": /health/ answers 503, within a second, when the database is down.

Nothing is mocked. "Down" is made real in two ways, both without touching the shared server:
the request's own backend is terminated from a second connection (what a database restart or
failover does to a pooled connection), and every new connection is refused because the app's
connection now points at a closed port (what a stopped server looks like: refused at once).
`transaction=True` because the test's own transaction cannot survive its connection dying."""

import time

import pytest
from django.db import connection
from django.urls import reverse

from tests.reliability.database import database_refusing_connections, terminate_backend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_it_answers_200_when_the_database_is_up(client):
    response, seconds = timed_get(client, reverse("health"))
    assert response.status_code == 200
    assert seconds < 1


def test_it_answers_503_within_a_second_when_the_database_is_down(client):
    assert client.get(reverse("health")).status_code == 200
    with database_refusing_connections():
        for _ in range(2):
            response, seconds = timed_get(client, reverse("health"))
            assert response.status_code == 503
            assert response.content == b"database unavailable\n"
            assert seconds < 1
    assert client.get(reverse("health")).status_code == 200


def test_it_answers_503_within_a_second_when_its_connection_is_killed(client):
    connection.ensure_connection()
    terminate_backend(connection.connection.info.backend_pid)
    response, seconds = timed_get(client, reverse("health"))
    assert response.status_code == 503
    assert seconds < 1
    # Under gunicorn request_finished drops the broken connection (the test client skips that
    # signal handler), and the next request connects afresh.
    connection.close_if_unusable_or_obsolete()
    assert client.get(reverse("health")).status_code == 200
