"""Issue 18.13 in a browser: forms sent empty show GOV.UK's error summary, each link takes
the person to the field it names, and axe finds nothing wrong, on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send_empty_and_follow_the_summary(page, url, button, first_error, field_label, check_a11y):
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    check_a11y(page)
    summary.get_by_role("link", name=first_error).click()
    expect(page.get_by_label(field_label, exact=True)).to_be_focused()


def test_admin_forms_sent_empty_say_what_to_do(live_server, page, admin_user, check_a11y):
    sign_in(page, live_server, admin_user)
    for path, error, label in [
        ("/staff/add/", "Enter the email address.", "Email address"),
        ("/boroughs/add/", "Enter the name.", "Name"),
        ("/referrals/partners/add/", "Choose the kind.", "Kind"),
    ]:
        send_empty_and_follow_the_summary(
            page, live_server.url + path, "Save", error, label, check_a11y
        )
    page.goto(f"{live_server.url}/reporting/targets/")
    page.get_by_role("button", name="Set target").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    summary.get_by_role("link", name="Choose the borough.").click()
    expect(page.get_by_label("Borough", exact=True)).to_be_focused()
    check_a11y(page)


def test_group_work_sent_empty_on_a_phone(live_server, phone, alice, check_a11y):
    sign_in(phone, live_server, alice)
    phone.goto(f"{live_server.url}/casework/group-work/log/")
    phone.get_by_label("Topic").fill("Knife crime and its cost")
    phone.get_by_role("button", name="Log group work").tap()
    summary = phone.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    check_a11y(phone)
    link = "Enter the name of the school, centre or establishment."
    summary.get_by_role("link", name=link).tap()
    expect(phone.get_by_label("Name of the school, centre or establishment")).to_be_focused()
    expect(phone.get_by_label("Topic")).to_have_value("Knife crime and its cost")
