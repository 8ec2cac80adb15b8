import pytest

from tests.security.routes import route_urls


@pytest.fixture
def routes(alice, southwark):
    """(route name, sample URL) for every route the project has."""
    return route_urls({"alice": alice, "southwark": southwark})
