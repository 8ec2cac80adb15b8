"""Issue 18 item 4: no page a role can reach scrolls sideways on a 360 px phone. Each role's
pages are crawled from the navigation, three links deep, one page of each kind (ids taken as one
kind), on data with the long values that once widened a page."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from sos.models import Role
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import (
    AssessmentScoreFactory,
    CaseFactory,
    ClientFactory,
    ConsentFactory,
    GoalReviewFactory,
    GroupSessionFactory,
    JusticeEventFactory,
    OffenceFactory,
    OutcomeFactory,
    RiskFlagFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Leaving, downloads and Django's own admin are not pages of the app's journeys.
NOT_PAGES = re.compile(r"/accounts/logout/|/download|\.(xlsx|csv|zip|json)$|/django-admin/")
DEPTH = 3

LINKS = """() => [...document.querySelectorAll('a[href]')]
  .map(a => a.href.split('#')[0])
  .filter(href => href.startsWith(location.origin))"""


# Where a page's width comes from, and every table caption that runs past the window's edge
# (inside a box that scrolls sideways, its end would be out of sight).
MEASURE = """() => ({
  width: document.documentElement.scrollWidth,
  cutCaptions: [...document.querySelectorAll('caption')]
    .filter(c => c.getBoundingClientRect().right > innerWidth)
    .map(c => c.textContent.trim()),
})"""


def kind(url: str) -> str:
    """A page's kind: its path with every id as N (one client page stands for all of them)."""
    return re.sub(r"/\d+/", "/N/", urlsplit(url).path)


def crawl(page, start: str) -> dict[str, int]:
    """The document width of every kind of page reachable from the navigation of `start`,
    DEPTH links deep."""
    page.goto(start)
    frontier = page.locator("#main-nav").evaluate(
        "nav => [...nav.querySelectorAll('a[href]')].map(a => a.href)"
    )
    widths, seen = {}, set()
    for _ in range(DEPTH):
        found = []
        for url in frontier:
            if kind(url) in seen or NOT_PAGES.search(urlsplit(url).path):
                continue
            seen.add(kind(url))
            response = page.goto(url)
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            assert response.ok, f"{url}: {response.status}"
            measured = page.evaluate(MEASURE)
            widths[urlsplit(url).path] = measured["width"]
            assert not measured["cutCaptions"], f"{url}: {measured['cutCaptions']}"
            found += page.evaluate(LINKS)
        frontier = found
    return widths


@pytest.fixture
def records(southwark, alice):
    """One of every record a page shows, with the long values that once widened pages."""
    client = ClientFactory(
        borough=southwark,
        first_name="Oluwaseun",
        last_name="Fitzgerald-Okonkwo",
        email="oluwaseunfitzgeraldokonkwo.personaladdress@alongemailprovider.example.invalid",
        address="Flat 123, Marcus Garvey House, 45 Cold Harbour Lane, London SE5 9NR",
    )
    case = CaseFactory(client=client, caseworker=alice)
    month_ago = date.today() - timedelta(days=30)
    SessionFactory(case=case, date=month_ago, next_action="Call", next_action_due=date.today())
    OutcomeFactory(case=case, recorded_by=alice)
    JusticeEventFactory(offence=OffenceFactory(client=client, recorded_by=alice), recorded_by=alice)
    ConsentFactory(client=client, recorded_by=alice)
    RiskFlagFactory(client=client, recorded_by=alice)
    GoalReviewFactory(goal__case=case, goal__created_by=alice, reviewed_by=alice)
    AssessmentScoreFactory(assessment__case=case, assessment__assessed_by=alice)
    GroupSessionFactory(borough=southwark, logged_by=alice)
    return client


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MANAGER, Role.ADMIN, Role.EVALUATOR])
def test_it_never_scrolls_sideways_on_a_phone(live_server, phone, southwark, records, role):
    user = UserFactory(role=role, boroughs=[southwark])
    sign_in(phone, live_server, user)
    widths = crawl(phone, f"{live_server.url}/")
    # The crawl reached the pages the role's journeys visit, not just home.
    assert len(widths) > 3, widths
    wide = {path: width for path, width in widths.items() if width > PHONE["width"]}
    assert not wide, f"{len(wide)} of {len(widths)} pages scroll sideways at 360 px: {wide}"
