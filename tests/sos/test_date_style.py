"""Issue 18 item 14: one date style everywhere. Every page a role reaches from the navigation
(three links deep, one page of each kind) shows dates as "1 December 2026" or "1 Dec 2026" and
months as "November 2026": never an ISO date or month, never a zero-padded day, in the text a
person reads. Form field values and addresses keep ISO; they are not text on the page."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.utils import formats, translation

from sos.models import Role
from tests.factories import (
    AssessmentScoreFactory,
    CaseFactory,
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

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
NOT_OUR_STYLE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # 2026-11-23
    r"|\b(19|20)\d{2}-(0[1-9]|1[0-2])\b"  # 2026-11
    rf"|\b0\d ({MONTHS})"  # 01 Dec 2026
)
NOT_PAGES = re.compile(r"/accounts/logout/|/download|\.(xlsx|csv|zip|json)$|/django-admin/")
DEPTH = 3


class VisibleText(HTMLParser):
    """The text a person reads on a page: no attributes (field values, addresses), no script,
    and no <code>: a value to type as it is written (a month field's fallback), not prose."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/"):
            self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def kind(path: str) -> str:
    return re.sub(r"/\d+/", "/N/", path)


def crawl(client) -> dict[str, list[str]]:
    """Every date written in a style not ours, by page, over the pages reachable from home."""
    found, seen, frontier = {}, set(), ["/"]
    for _ in range(DEPTH):
        next_frontier = []
        for url in frontier:
            path = urlsplit(url).path
            if kind(path) in seen or NOT_PAGES.search(path):
                continue
            seen.add(kind(path))
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            page = VisibleText()
            page.feed(response.content.decode())
            found[path] = [m.group(0) for m in NOT_OUR_STYLE.finditer(" ".join(page.text))]
            next_frontier += page.links
        frontier = next_frontier
    return found


@pytest.fixture
def records(southwark, alice):
    """One of every record a page shows, dated on days and in months whose ISO form would be
    caught (a day under 10, so a zero-padded day shows too)."""
    day = (date.today().replace(day=1) - timedelta(days=1)).replace(day=3)
    case = CaseFactory(
        client__borough=southwark, caseworker=alice, referral_date=day - timedelta(days=40)
    )
    SessionFactory(case=case, date=day, next_action="Call", next_action_due=day)
    OutcomeFactory(case=case, date=day, recorded_by=alice)
    offence = OffenceFactory(client=case.client, offence_date=day, recorded_by=alice)
    JusticeEventFactory(offence=offence, date=day, recorded_by=alice)
    ConsentFactory(client=case.client, date=day, recorded_by=alice)
    RiskFlagFactory(client=case.client, recorded_by=alice)
    GoalReviewFactory(goal__case=case, goal__created_by=alice, date=day, reviewed_by=alice)
    AssessmentScoreFactory(assessment__case=case, assessment__date=day)
    GroupSessionFactory(borough=southwark, date=day, logged_by=alice)
    return case


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MANAGER, Role.ADMIN, Role.EVALUATOR])
def test_it_writes_dates_one_way_on_every_page(login, southwark, records, role):
    client = login(UserFactory(role=role, boroughs=[southwark]))
    found = crawl(client)
    # The crawl read the role's pages, not just home.
    assert len(found) > 3, found
    wrong = {path: dates for path, dates in found.items() if dates}
    assert not wrong, f"{len(wrong)} of {len(found)} pages: {wrong}"


def test_it_makes_the_house_style_djangos_default():
    # sos/formats/en_GB: what `{{ day }}` and `|date` give without a format string.
    day = date(2026, 12, 1)
    with translation.override("en-gb"):
        assert formats.date_format(day) == "1 December 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "1 Dec 2026"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "December 2026"
