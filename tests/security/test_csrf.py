"""CSRF: every route refuses a POST with a missing or a wrong token, signed in or not."""

import pytest
from django.test import Client

from tests.sign_in import sign_in


@pytest.mark.parametrize("signed_in", [True, False])
@pytest.mark.parametrize("token", [None, "wrong"])
def test_it_refuses_a_post_without_the_right_token_on_every_route(
    routes, admin_user, signed_in, token
):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        sign_in(client, admin_user)
    data = {}
    if token:
        client.cookies["csrftoken"] = "a" * 32
        data["csrfmiddlewaretoken"] = "b" * 32
    accepted = []
    for name, url in routes:
        response = client.post(url, data)
        if response.status_code != 403:
            accepted.append((name, response.status_code))
    assert accepted == []
