"""Keyboard alone: the session log form is filled and sent with Tab, Space and Enter, focus is
always visible, and an error is tied to its field for a screen reader."""

import re

import pytest
from playwright.sync_api import expect

from casework.models import Session
from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX_TABS = 80


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has focus, checking every stop on the way shows its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_RING)
        assert focus["visible"], f"no visible focus on {focus['element']}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# The focused element's outline, or for a visually hidden radio (Bootstrap's button-style
# radios) the outline of the label drawn in its place. A date or time field's last Tab stop is
# Chromium's own picker button inside the field, which the browser itself rings.
FOCUS_RING = """() => {
  let el = document.activeElement;
  const described = el.outerHTML.slice(0, 80);
  const pickerButton = ['date', 'time'].includes(el.type) && !el.matches(':focus');
  if (pickerButton) return {visible: true, element: described};
  if (el.classList.contains('btn-check')) el = document.querySelector(`label[for="${el.id}"]`);
  const style = getComputedStyle(el);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {visible, element: described};
}"""


def test_it_logs_a_session_by_keyboard_alone(live_server, page, alice, check_a11y):
    case = CaseFactory(
        client__borough=alice.boroughs.get(), client__first_name="Kofi", caseworker=alice
    )
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}/casework/sessions/log/?case={case.pk}")

    # Send it without a length: the error is linked to the question it is about.
    tab_to(page, "button[type=submit].btn-lg")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    group = page.get_by_role("group", name="How long")
    error_ids = group.get_attribute("aria-describedby")
    assert error_ids
    error = page.locator(f"#{error_ids.split()[0]}")
    expect(error).to_contain_text("Choose how long the session took")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    link = summary.get_by_role("link", name="Choose how long the session took")
    expect(page.locator(link.get_attribute("href"))).to_have_count(1)  # it links to the field
    check_a11y(page)  # the page with its errors

    tab_to(page, "input[name=duration_choice]")
    page.keyboard.press("ArrowRight")  # 15 min to 30 min, as radios move
    page.keyboard.press("Space")
    tab_to(page, "details:has(#id_notes) > summary")
    page.keyboard.press("Enter")  # opens "More details"
    tab_to(page, "textarea[name=notes]")
    page.keyboard.type("Talked through the college application.")
    tab_to(page, "button[type=submit].btn-lg")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/casework/clients/{case.client_id}/timeline/$"))
    session = Session.objects.get(case=case)
    assert session.duration_minutes == 30
    assert session.notes == "Talked through the college application."
