"""Issues 18.5, 18.6 and 23.1 in a browser, on a 360 px phone: the timeline filtered by kind
and period, paged forward and back, without sideways scrolling; an outcome recorded from the
filtered timeline comes back to it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.timeline import PAGE_SIZE
from tests.e2e.conftest import sign_in
from tests.factories import OffenceFactory, OutcomeFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def busy_client(southwark_client):
    """More sessions in the last 3 months than one page holds, and older entries too."""
    case = southwark_client.cases.get()
    today = timezone.localdate()
    for back in range(PAGE_SIZE + 5):
        SessionFactory(case=case, date=today - timedelta(days=back))
    OutcomeFactory(case=case, date=today - timedelta(days=2))
    OffenceFactory(client=southwark_client, offence_date=today - timedelta(days=300))
    return southwark_client


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_a_phone_filters_and_pages_the_timeline(live_server, phone, alice, busy_client, check_a11y):
    sign_in(phone, live_server, alice)
    phone.goto(f"{live_server.url}/casework/clients/{busy_client.pk}/timeline/")
    entries = phone.locator("ol.timeline > li")
    expect(entries).to_have_count(PAGE_SIZE)
    _no_sideways_scroll(phone)
    check_a11y(phone)
    phone.get_by_text("Filter", exact=True).tap()
    phone.get_by_label("Sessions", exact=True).check()
    phone.get_by_label("Period").select_option(label="Last 3 months")
    phone.get_by_role("button", name="Apply filters").tap()
    phone.wait_for_url("**kind=session**")
    expect(entries).to_have_count(PAGE_SIZE)
    expect(phone.locator("ol.timeline > li:not(.timeline-session)")).to_have_count(0)
    first_page = entries.all_inner_texts()
    phone.get_by_role("link", name="Next").tap()
    phone.wait_for_url("**after=**")
    expect(entries).to_have_count(5)  # the rest of the sessions, no outcome, no offence
    expect(phone.locator("ol.timeline > li:not(.timeline-session)")).to_have_count(0)
    expect(phone.get_by_label("Sessions", exact=True)).to_be_checked()  # the filters stay
    _no_sideways_scroll(phone)
    phone.get_by_role("link", name="Previous").tap()
    phone.wait_for_url("**before=**")
    assert entries.all_inner_texts() == first_page
    check_a11y(phone)


def test_an_outcome_recorded_from_the_timeline_returns_to_it(
    live_server, phone, alice, busy_client
):
    sign_in(phone, live_server, alice)
    timeline = f"{live_server.url}/casework/clients/{busy_client.pk}/timeline/?kind=outcome"
    phone.goto(timeline)
    expect(phone.locator("ol.timeline > li")).to_have_count(1)
    phone.get_by_role("link", name="Record an outcome").tap()
    phone.get_by_label("Outcome", exact=True).select_option(label="Entered employment")
    phone.get_by_label("Evidence").fill("Payslip seen")
    phone.get_by_role("button", name="Save").tap()
    phone.wait_for_url(timeline)
    expect(phone.locator("ol.timeline > li")).to_have_count(2)
    expect(phone.get_by_text("Entered employment was recorded")).to_be_visible()
