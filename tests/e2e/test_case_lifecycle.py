"""Issue 18.12 in a browser: a referred case is started, closed and reopened from its own
plain actions, each offered only in the state it applies to, on a phone as on a desktop."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_offers_to_reopen_only_once_closed(live_server, page, alice, check_a11y):
    case = CaseFactory(client__borough=alice.boroughs.get(), caseworker=alice)
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}/clients/{case.client_id}/")
    support = page.get_by_role("region", name="Support")
    expect(support.get_by_role("link", name="Reopen support")).to_have_count(0)
    support.get_by_role("link", name="Close support").click()
    page.get_by_label("Closure reason").select_option(label="Completed")
    page.get_by_role("button", name="Close support").click()
    expect(support.get_by_role("link", name="Reopen support")).to_be_visible()
    check_a11y(page)


def test_it_starts_closes_and_reopens_support_on_a_phone(live_server, phone, alice, check_a11y):
    case = CaseFactory(
        client__borough=alice.boroughs.get(),
        caseworker=alice,
        referral_date=date.today() - timedelta(days=10),
        index_date=None,
    )
    sign_in(phone, live_server, alice)
    phone.goto(f"{live_server.url}/clients/{case.client_id}/")
    support = phone.get_by_role("region", name="Support")
    expect(support.get_by_text("not started yet")).to_be_visible()
    expect(support.get_by_role("link", name="Reopen support")).to_have_count(0)

    # The same form left open in a second tab, to be sent after support has started.
    stale = phone.context.new_page()
    stale.goto(f"{live_server.url}/clients/support/{case.pk}/start/")
    support.get_by_role("link", name="Start support").tap()
    started = phone.get_by_label("Date support started")
    expect(started).to_have_value(date.today().isoformat())  # today, offered
    started.fill((date.today() + timedelta(days=1)).isoformat())
    phone.get_by_role("button", name="Start support").tap()
    summary = phone.get_by_role("alert").filter(has_text="There is a problem")
    summary.get_by_role("link", name="The start of support cannot be in the future.").tap()
    expect(started).to_be_focused()
    check_a11y(phone)
    day = date.today() - timedelta(days=2)
    started.fill(day.isoformat())
    phone.get_by_role("button", name="Start support").tap()

    expect(phone.get_by_role("status")).to_contain_text("Support was started.")
    expect(support.get_by_text(f"Start of support: {day:%-d %b %Y}")).to_be_visible()
    expect(support.get_by_role("link", name="Start support")).to_have_count(0)
    check_a11y(phone)
    # Sent again from the stale tab: nothing changes, and it says so.
    stale.get_by_role("button", name="Start support").tap()
    expect(stale.get_by_role("status")).to_contain_text("nothing was changed")
    case.refresh_from_db()
    assert case.index_date == day

    support.get_by_role("link", name="Close support").tap()
    phone.get_by_label("Closure reason").select_option(label="Completed")
    phone.get_by_role("button", name="Close support").tap()
    expect(support.get_by_role("link", name="Close support")).to_have_count(0)
    expect(support.get_by_role("link", name="Start support")).to_have_count(0)
    support.get_by_role("link", name="Reopen support").tap()
    expect(phone.get_by_role("heading", name="Reopen support")).to_be_visible()
