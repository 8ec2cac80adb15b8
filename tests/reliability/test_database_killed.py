"""SECURITY.md "database killed": the request's PostgreSQL backend is terminated mid-request
(pg_terminate_backend from a second connection, between the two writes of a POST).

The Django test client runs the request on this thread's connection, the same persistent
connection the next request reuses, as one gunicorn worker does with CONN_MAX_AGE; so the
"next request is fine" check really exercises Django dropping the dead connection and
reconnecting. `transaction=True` so the view's atomic block is a real transaction."""

import re

import pytest

from sos.models import Borough

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def killable(settings, client):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.reliability.killed_urls"
    client.raise_request_exception = False
    return client


def test_it_shows_the_generic_error_and_keeps_no_partial_write(killable):
    response = killable.post("/two-rows/", {"first": "Lambeth", "second": "Lewisham", "kill": 1})
    page = response.content.decode()
    assert response.status_code == 500
    assert re.search(r"<code[^>]*>[0-9a-f]{12}</code>", page)
    for leak in ("Traceback", "OperationalError", "terminat", "killed_urls.py"):
        assert leak not in page
    assert not Borough.objects.filter(name__in=["Lambeth", "Lewisham"]).exists()


def test_it_serves_the_next_request_on_a_new_connection(killable):
    assert killable.post("/two-rows/", {"first": "A", "second": "B", "kill": 1}).status_code == 500
    response = killable.post("/two-rows/", {"first": "Lambeth", "second": "Lewisham"})
    assert response.status_code == 201
    assert Borough.objects.filter(name__in=["Lambeth", "Lewisham"]).count() == 2
    assert not Borough.objects.filter(name__in=["A", "B"]).exists()
