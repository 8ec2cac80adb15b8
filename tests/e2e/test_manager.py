"""Journey 3: a manager on a desktop opens the team view and allocates a caseworker on a case.
(The monthly return, its XLSX and sign-off join this journey when reporting lands.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_allocates_a_caseworker_from_the_team_view(
    live_server, page, manager, alice, bob, southwark, check_a11y
):
    case = CaseFactory(
        client__borough=southwark,
        client__first_name="Remi",
        client__last_name="Adebayo",
        caseworker=alice,
    )
    sign_in(page, live_server, manager)
    check_a11y(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Team and data quality")).to_be_visible()
    expect(page.get_by_role("row", name=alice.get_full_name())).to_be_visible()
    check_a11y(page)

    # Remi has had no contact for 30 days, so the data-quality list leads to him.
    page.get_by_role("link", name="Remi Adebayo").click()
    check_a11y(page)
    page.get_by_role("link", name="Details").click()
    check_a11y(page)
    page.get_by_role("link", name="Allocate a caseworker").click()
    check_a11y(page)
    page.get_by_label("Caseworker").select_option(label=bob.get_full_name())
    page.get_by_role("button", name="Allocate").click()

    expect(page.get_by_role("status")).to_contain_text("The caseworker was allocated")
    expect(page.get_by_text(f"Caseworker: {bob.get_full_name()}").first).to_be_visible()
    case.refresh_from_db()
    assert case.caseworker == bob
