"""A manager opens the monthly return, reads its summary, follows a listed movement to the
records behind it and signs off with a note answering it."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from reporting.models import MonthlyReturn
from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_manager_checks_a_movement_and_signs_off_with_a_note(
    live_server, page, manager, alice, southwark, check_a11y
):
    last_month = date.today().replace(day=1) - timedelta(days=1)
    for day, surname in [(3, "Okafor"), (9, "Byrne")]:
        CaseFactory(
            client__borough=southwark,
            client__last_name=surname,
            referral_date=last_month.replace(day=1),
            index_date=last_month.replace(day=day),
            caseworker=alice,
        )
    sign_in(page, live_server, manager)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Reports").click()
    nav.get_by_role("link", name="Monthly return").click()
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    check_a11y(page)

    # Two new starts after none in the three months before: listed to explain.
    movements = page.locator("ul.movements")
    expect(movements).to_contain_text(
        f"Young people starting support, {southwark.name}: 2 in {last_month:%B %Y}"
    )
    movements.get_by_role("link", name="the records").first.click()
    expect(page.get_by_role("cell", name="Okafor", exact=False).first).to_be_visible()
    expect(page.get_by_role("cell", name="Byrne", exact=False).first).to_be_visible()
    check_a11y(page)
    page.go_back()

    page.get_by_label("Note").fill("Two referrals from the new schools outreach started together")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("status")).to_contain_text("was signed off")
    signed = MonthlyReturn.objects.get()
    assert signed.note.startswith("Two referrals")
    assert signed.summary["new_starts"]["this_month"] == 2
