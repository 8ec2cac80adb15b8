"""Journey 4: an admin adds a borough and a member of staff, then deactivates a member of staff,
who can no longer sign in."""

import pytest
from playwright.sync_api import expect

from sos.models import Borough, User
from tests.e2e.conftest import sign_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_adds_a_borough_and_staff_and_deactivates_staff(
    live_server, browser, page, admin_user, bob, southwark, check_a11y
):
    sign_in(page, live_server, admin_user)
    check_a11y(page)

    page.get_by_role("button", name="Admin").click()
    page.get_by_role("link", name="Boroughs").click()
    check_a11y(page)
    page.get_by_role("link", name="Add a borough").click()
    check_a11y(page)
    page.get_by_label("Name").fill("Tower Hamlets")
    page.get_by_label("Area").fill("London")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Tower Hamlets was added")
    expect(page.get_by_role("link", name="Tower Hamlets")).to_be_visible()
    assert Borough.objects.filter(name="Tower Hamlets").exists()

    page.get_by_role("button", name="Admin").click()
    page.get_by_role("link", name="Staff").click()
    check_a11y(page)
    page.get_by_role("link", name="Add a member of staff").click()
    check_a11y(page)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Campbell")
    page.get_by_label("Email address").fill("nia.campbell@example.invalid")
    page.get_by_label("Role").select_option(label="Caseworker")
    page.get_by_label("Tower Hamlets").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("was added")
    expect(page.get_by_role("cell", name="nia.campbell@example.invalid")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name=f"Edit {bob.get_full_name()}").click()
    check_a11y(page)
    page.get_by_role("link", name=f"Deactivate {bob.get_full_name()}").click()
    # Nothing happens until the admin has read what will, on a page of its own.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Deactivate {bob.get_full_name()}?")
    check_a11y(page)
    bob.refresh_from_db()
    assert bob.is_active
    page.get_by_role("button", name=f"Yes, deactivate {bob.get_full_name()}").click()
    expect(page.get_by_role("status")).to_contain_text("was deactivated")
    bob.refresh_from_db()
    assert not bob.is_active

    # Bob, on his own computer, gets no further than the sign-in page.
    context = browser.new_context()
    bobs = context.new_page()
    bobs.goto(f"{live_server.url}/accounts/login/")
    bobs.get_by_label("Email address").fill(bob.email)
    bobs.get_by_label("Password").fill(TEST_PASSWORD)
    bobs.get_by_role("button", name="Sign in", exact=True).click()
    expect(bobs.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(bobs.locator("form")).to_contain_text("enter a correct email address and password")
    check_a11y(bobs)
    bobs.goto(f"{live_server.url}/")
    expect(bobs).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    context.close()
    assert User.objects.filter(email="nia.campbell@example.invalid", is_active=True).exists()
