"""XSS: script payloads typed into every free-text field of a referral and of a session never run
on the pages that show them (SECURITY.md: Playwright dialog listener, 0 dialogs)."""

import pytest
from playwright.sync_api import expect

from casework.models import Session
from clients.models import Client
from tests.e2e.conftest import born, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = '"><script>alert(1)</script>'
SHORT = '"><b>x</b>'  # what fits in a 10-character postcode


def test_it_never_runs_payloads_from_text_fields(live_server, browser, alice, southwark):
    # The Content Security Policy would stop an inline script anyway; bypassing it here makes
    # the test prove that the pages escape what they show, not merely that CSP caught it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server, alice)

    page.goto(f"{live_server.url}/clients/refer/")
    # Every free-text field of both halves of the form; email, PNC ID and prison number are
    # validated to a fixed shape, so no script gets in through them.
    text = {
        "person-first_name": IMG,
        "person-last_name": SCRIPT,
        "person-preferred_name": IMG,
        "person-ethnicity_detail": SCRIPT,
        "person-phone": IMG,
        "person-address": SCRIPT + IMG,
        "person-postcode": SHORT,
        "person-special_category_notes": IMG + SCRIPT,
        "case-referrer": SCRIPT,
        "case-referral_reason": IMG + SCRIPT,
        "case-establishment": IMG,
    }
    for name, payload in text.items():
        page.locator(f"[name={name}]").fill(payload)
    page.get_by_role("textbox", name="Date of birth").fill(born(18).isoformat())
    page.locator("[name=person-gender]").select_option(label="Male")
    page.locator("[name=person-ethnicity]").select_option(index=1)
    page.locator("[name=person-borough]").select_option(label="Southwark")
    page.get_by_label("Referral source").select_option(label="Probation")
    page.get_by_label("In custody at referral").check()
    page.get_by_role("button", name="Save the referral").click()
    expect(page.get_by_role("status")).to_contain_text("was referred")
    client = Client.objects.get(first_name=IMG)
    assert client.special_category_notes == IMG + SCRIPT

    page.goto(f"{live_server.url}/casework/sessions/log/?case={client.cases.get().pk}")
    page.get_by_text("45 min", exact=True).click()
    page.locator("summary", has_text="More details").click()
    page.locator("[name=location]").fill(SCRIPT)
    page.locator("[name=notes]").fill(IMG + SCRIPT)
    page.locator("[name=next_action]").fill(IMG)
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("status")).to_contain_text("was logged")
    session = Session.objects.get(case__client=client)

    for path in [
        f"/clients/{client.pk}/",
        f"/casework/clients/{client.pk}/timeline/",
        "/clients/",
        f"/casework/sessions/{session.pk}/",
        "/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        expect(page.locator("main")).to_contain_text(IMG)  # shown as text, not markup
        assert page.locator("main img[src='x']").count() == 0, path
        assert page.locator("main script").count() == 0, path
    assert dialogs == []
    context.close()
