"""Issue 18.9 in a browser: on the team page a manager sees, in words, a caseload above the
agreed norm, follows a caseworker's name to that caseload on Young people, and reads the last
six months' hours and caseloads; on a phone as on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from casework.views.team import DATA_QUALITY_ROWS
from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory, OutcomeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def caseloads(settings, southwark, alice, bob):
    """A norm of 2: alice holds 3 open cases (above it), bob 1."""
    settings.CASELOAD_NORM = 2
    mine = [CaseFactory(client__borough=southwark, caseworker=alice) for _ in range(3)]
    theirs = CaseFactory(client__borough=southwark, caseworker=bob)
    return [case.client for case in mine], theirs.client


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_manager_follows_a_caseload_above_the_norm(
    live_server, page, phone, manager, alice, bob, caseloads, check_a11y, viewport
):
    screen = phone if viewport == "phone" else page
    mine, theirs = caseloads
    sign_in(screen, live_server, manager)
    screen.goto(f"{live_server.url}/casework/team/")
    team = screen.get_by_role("region", name="Caseloads and hours")
    expect(team.get_by_role("row", name=alice.get_full_name())).to_contain_text("above the norm")
    expect(team.get_by_role("row", name=bob.get_full_name())).not_to_contain_text("norm")
    months = screen.get_by_role("region", name="The last 6 months")
    expect(months.get_by_role("columnheader")).to_have_count(7)
    expect(screen.get_by_text("cover cases open at any time in the last 12 months")).to_be_visible()
    check_a11y(screen)
    team.get_by_role("link", name=alice.get_full_name()).click()
    table = screen.get_by_role("table")
    for young_person in mine:
        expect(table).to_contain_text(young_person.display_name)
    expect(table).not_to_contain_text(theirs.display_name)


def test_a_manager_sees_all_outcomes_to_verify_and_verifies_one(
    live_server, page, manager, southwark, check_a11y
):
    """More outcomes await verification than the team page shows: it says how many, "See all"
    opens the whole list, and a Verify there returns to that list, one fewer."""
    waiting = DATA_QUALITY_ROWS + 2
    for _ in range(waiting):
        OutcomeFactory(case=CaseFactory(client__borough=southwark))
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/casework/team/")
    expect(
        page.get_by_role("heading", name=f"Outcomes awaiting verification: {waiting}")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Verify")).to_have_count(DATA_QUALITY_ROWS)
    see_all = re.compile(f"See all {waiting}\\W+Outcomes awaiting verification")
    page.get_by_role("link", name=see_all).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes awaiting verification")
    expect(page.get_by_text(f"{waiting} in all")).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Verify").first.click()
    expect(page.get_by_role("status")).to_contain_text("was verified")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes awaiting verification")
    expect(page.get_by_text(f"{waiting - 1} in all")).to_be_visible()
    check_a11y(page)
