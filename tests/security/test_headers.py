"""Security headers on 100% of routes, for a signed-in admin and for an anonymous visitor."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A style attribute or an event handler such as onclick=, both blocked by the policy.
INLINE_ATTRIBUTE = re.compile(r"\s(style|on[a-z]+)\s*=", re.IGNORECASE)


def header_problems(response) -> list[str]:
    csp = response.get("Content-Security-Policy", "")
    checks = {
        "CSP without unsafe-inline": csp and "unsafe-inline" not in csp,
        "CSP default-src 'self'": "default-src 'self'" in csp,
        "CSP frame-ancestors 'none'": "frame-ancestors 'none'" in csp,
        "nosniff": response.get("X-Content-Type-Options") == "nosniff",
        "Referrer-Policy": response.get("Referrer-Policy") == "same-origin",
        "Permissions-Policy": "camera=()" in response.get("Permissions-Policy", ""),
        "no-store": "no-store" in response.get("Cache-Control", ""),
        "X-Frame-Options": response.get("X-Frame-Options") == "DENY",
    }
    return [name for name, ok in checks.items() if not ok]


@pytest.mark.parametrize("persona", ["admin_user", "alice", None])
def test_it_sends_the_security_headers_on_every_route(client, login, request, routes, persona):
    if persona:
        login(request.getfixturevalue(persona))
    missing = {}
    for name, url in routes:
        response = client.get(url)
        assert response.status_code < 500, name
        if problems := header_problems(response):
            missing[name] = problems
    assert missing == {}


def test_it_sends_the_security_headers_on_a_404(client, login, admin_user):
    login(admin_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert header_problems(response) == []


def test_it_keeps_templates_free_of_inline_script_and_style():
    offenders = []
    # Every app's templates folder (sos/templates holds the site's, bench/templates its own).
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text()
        if "<script>" in text or "<style" in text or INLINE_ATTRIBUTE.search(text):
            offenders.append(template.name)
    assert offenders == []
