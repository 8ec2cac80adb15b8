"""A manager turns off the weekly summary from their account page (their name at the top of every
page); an admin's export page says plainly when no worker is running. Both pages pass axe."""

import pytest
from playwright.sync_api import expect

from reminders.models import EmailPreferences
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_turns_the_weekly_summary_off_from_the_account_page(
    live_server, page, manager, check_a11y
):
    sign_in(page, live_server, manager)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name=manager.get_full_name()).click()
    nav.get_by_role("link", name="Account and emails").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Weekly team summary (managers)").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your email choices are saved.")
    check_a11y(page)
    preferences = EmailPreferences.objects.get(user=manager)
    assert (preferences.morning_email, preferences.weekly_summary) == (True, False)


def test_it_says_exports_are_not_processed_when_no_worker_runs(
    live_server, page, admin_user, check_a11y
):
    sign_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/exports/")
    expect(page.get_by_role("alert")).to_contain_text(
        "Exports are not being processed; ask your administrator."
    )
    check_a11y(page)
