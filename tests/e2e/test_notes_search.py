"""Issue 18.7 in a browser, on a 360 px phone: a caseworker goes from home to "Search notes",
finds a session by a word of its notes (another form of it), sees the word highlighted in
context with the note's markup shown as text, and follows the match to the session."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_caseworker_finds_a_session_by_its_notes_on_a_phone(
    live_server, phone, alice, southwark_client, check_a11y
):
    note = "Went with him to court after the arrest. <img src=x onerror=alert(1)> He was calm."
    session = SessionFactory(case=southwark_client.cases.get(), notes=note)
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(phone, live_server, alice)
    phone.get_by_role("link", name="Search notes").tap()
    phone.get_by_label("Words to find").fill("arrested")
    phone.get_by_role("button", name="Search").tap()
    expect(phone.get_by_role("heading", name="1 match")).to_be_visible()
    expect(phone.locator("mark")).to_have_text("arrest")
    match = phone.get_by_role("listitem").filter(has_text=southwark_client.display_name)
    expect(match).to_contain_text("Session notes")
    expect(match).to_be_in_viewport()
    # Nothing wider than the phone: no sideways scrolling to read a match.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    check_a11y(phone)
    match.get_by_role("link", name=southwark_client.display_name).tap()
    expect(phone).to_have_url(f"{live_server.url}/casework/sessions/{session.pk}/")
    assert dialogs == []
