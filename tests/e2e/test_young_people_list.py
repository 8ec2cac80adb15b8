"""Issue 18.8 and 18.11 in a browser: a manager follows the team page's no-contact list to
Young people filtered by the same rule, with the last contact shown; on a phone the filters
are folded behind "Filter" so the first names come before them, on a desktop they show."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quiet_and_seen(southwark, alice):
    today = timezone.localdate()
    quiet = CaseFactory(client__borough=southwark, client__first_name="Quiet", caseworker=alice)
    seen = CaseFactory(client__borough=southwark, client__first_name="Seen", caseworker=alice)
    SessionFactory(case=quiet, date=today - timedelta(days=20))
    SessionFactory(case=seen, date=today - timedelta(days=2))
    return quiet.client, seen.client


def test_a_manager_finds_every_case_without_contact(
    live_server, page, manager, quiet_and_seen, check_a11y
):
    quiet, seen = quiet_and_seen
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/casework/team/")
    page.get_by_role("link", name="Every young person without contact").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text(quiet.display_name)
    expect(table).not_to_contain_text(seen.display_name)
    last = quiet.cases.get().sessions.get().date
    expect(page.get_by_role("row", name=quiet.display_name)).to_contain_text(f"{last:%-d %b %Y}")
    # The filters show on a desktop without asking, the one in use chosen.
    expect(page.get_by_label("Last contact")).to_be_visible()
    expect(page.get_by_text("Filter", exact=True)).to_be_hidden()
    check_a11y(page)


def test_a_phone_shows_names_before_the_folded_filters(
    live_server, phone, alice, quiet_and_seen, check_a11y
):
    quiet, _ = quiet_and_seen
    sign_in(phone, live_server, alice)
    phone.goto(f"{live_server.url}/clients/")
    expect(phone.get_by_label("Status")).to_be_hidden()
    expect(phone.get_by_role("link", name=quiet.display_name)).to_be_in_viewport()
    check_a11y(phone)
    phone.get_by_text("Filter", exact=True).tap()
    phone.get_by_label("Last contact").select_option(label="No contact in 14 days or more")
    phone.get_by_role("button", name="Apply filters").tap()
    expect(phone.get_by_role("table")).to_contain_text(quiet.display_name)
    expect(phone.get_by_role("table")).not_to_contain_text("Seen")
    expect(phone.get_by_label("Last contact")).to_be_visible()  # open while in use
