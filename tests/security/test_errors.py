"""Errors: a generic 500 page with a reference that is also logged, never a traceback."""

import logging
import re

from django.urls import reverse


def test_it_shows_a_reference_and_no_traceback_on_a_server_error(client, settings, caplog):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.security.error_urls"
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="sos.errors"):
        response = client.get("/fail/")
    page = response.content.decode()
    assert response.status_code == 500
    for leak in ("Traceback", "RuntimeError", "Ellie", "2009-03-14", "error_urls.py"):
        assert leak not in page
    reference = re.search(r"<code[^>]*>([0-9a-f]{12})</code>", page)[1]
    [record] = [r for r in caplog.records if r.name == "sos.errors"]
    assert reference in record.getMessage()
    assert record.exc_info[0] is RuntimeError
    assert "no-store" in response["Cache-Control"]


def test_it_gives_every_server_error_its_own_reference(client, settings):
    settings.ROOT_URLCONF = "tests.security.error_urls"
    client.raise_request_exception = False
    first, second = (client.get("/fail/").content for _ in range(2))
    assert first != second


def test_it_shows_a_plain_404_page(client, login, alice):
    login(alice)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_it_shows_a_plain_403_page(client, login, alice):
    login(alice)
    response = client.get(reverse("staff_list"))
    assert response.status_code == 403
    assert "Your role does not let you use this page" in response.content.decode()
