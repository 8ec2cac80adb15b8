"""sos.navigation: an action goes back to the page it started from, and only to a page on
this site, whatever `next` someone writes into a link (issue 18.6)."""

import pytest
from django.test import RequestFactory

from sos.navigation import safe_next

DEFAULT = "/clients/1/"

HOSTILE = [
    "",
    "https://evil.example/",
    "http://testserver/clients/",  # absolute, even naming this host
    "//evil.example/",
    "///evil.example/",
    "\\\\evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/clients/\x00",
    "/clients/\r\nSet-Cookie: x=1",
    "clients",  # a bare word: redirect() would read it as a view name
    " /clients/",
]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_falls_back_on_anything_but_a_path_on_this_site(method, hostile):
    request = getattr(RequestFactory(), method)("/somewhere/", {"next": hostile})
    assert safe_next(request, DEFAULT) == DEFAULT


@pytest.mark.parametrize(
    "path", ["/casework/clients/7/timeline/?kind=outcome&period=3", "/casework/team/", "/"]
)
def test_it_returns_to_a_path_on_this_site_with_its_query(path):
    assert safe_next(RequestFactory().get("/somewhere/", {"next": path}), DEFAULT) == path
    assert safe_next(RequestFactory().post("/somewhere/", {"next": path}), DEFAULT) == path


def test_it_names_the_default_by_view_and_arguments(db):
    request = RequestFactory().get("/somewhere/")
    assert safe_next(request, "casework:timeline", pk=7) == "/casework/clients/7/timeline/"
