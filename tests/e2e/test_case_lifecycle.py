"""Issue 18.12 in a browser: "Reopen support" appears only once support is closed, and closing
offers today's date."""

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
