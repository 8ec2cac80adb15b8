"""Issue 23.4 in a browser: the change history has its own page, reached from the young person's
page by "Change history", showing who changed which fields (never their values); axe clean."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_caseworker_opens_the_change_history_from_the_young_persons_page(
    live_server, page, alice, southwark_client, check_a11y
):
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}/clients/{southwark_client.pk}/edit/")
    page.get_by_label("Phone").fill("07700 900333")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/clients/{southwark_client.pk}/")
    page.get_by_role("link", name="Change history").click()
    page.wait_for_url(f"{live_server.url}/clients/{southwark_client.pk}/history/")
    row = page.get_by_role("table").get_by_role("row").filter(has_text=alice.get_full_name())
    expect(row).to_contain_text("Personal details changed: phone")
    expect(page.locator("body")).not_to_contain_text("07700 900333")
    check_a11y(page)
