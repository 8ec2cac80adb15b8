"""The route walk the header, deny-by-default and CSRF tests rely on."""

import pytest
from django.http import HttpResponse
from django.urls import path

from tests.security.routes import sample_url


def test_it_walks_every_route_including_ones_with_parameters(routes):
    names = {name for name, _url in routes}
    assert {"home", "staff_edit", "borough_edit", "admin:sos_user_change"} <= names


def test_it_fails_loudly_for_a_route_it_cannot_fill():
    entry = path("nowhere/<int:pk>/", lambda request, pk: HttpResponse(), name="detail")
    with pytest.raises(LookupError, match="add sample values for it to SAMPLE_KWARGS"):
        sample_url("nowhere:detail", "nowhere/<int:pk>/", {"pk"}, entry, {})
