"""Journey: a YOT officer refers a young person from a phone through their agency's link, and
the borough's manager accepts the referral on a desktop. Counts the officer's taps."""

import pytest
from playwright.sync_api import expect

from clients.models import Client
from referrals.models import Submission, SubmissionStatus
from tests.e2e.conftest import born, sign_in
from tests.referrals.factories import partner_with_link

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Taps:
    """Every touch the officer makes: one per field, select, choice and button."""

    def __init__(self):
        self.count = 0

    def fill(self, locator, value):
        self.count += 1
        locator.tap()
        locator.fill(value)

    def select(self, locator, label):
        # A phone's select opens a picker (one tap) and the choice is a second.
        self.count += 2
        locator.select_option(label=label)

    def tap(self, locator):
        self.count += 1
        locator.tap()


def test_it_takes_a_referral_from_a_phone_to_a_manager_accepting_it(
    live_server, phone, page, manager, southwark, check_a11y, capsys
):
    partner, token = partner_with_link(boroughs=[southwark], name="Southwark YOT")
    phone.goto(f"{live_server.url}/referrals/refer/{token}/")
    expect(phone.get_by_role("heading", name="What happens next")).to_be_visible()
    check_a11y(phone)

    taps = Taps()
    # Sending it empty first: errors beside the fields, still accessible on a phone.
    phone.get_by_role("button", name="Send the referral").tap()
    expect(phone.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    check_a11y(phone)

    taps.fill(phone.get_by_label("First name"), "Dami")
    taps.fill(phone.get_by_label("Last name"), "Okonjo")
    taps.fill(phone.get_by_label("Date of birth"), born(16).isoformat())
    taps.select(phone.get_by_label("Gender"), "Male")
    taps.select(phone.get_by_label("Ethnicity"), "Black, Black British, Caribbean or African")
    taps.fill(phone.get_by_label("Why you are referring them"), "Wants help to leave a gang.")
    taps.tap(phone.get_by_label("The young person agreed to be referred"))
    taps.fill(phone.get_by_label("Your name"), "Pat Officer")
    taps.fill(phone.get_by_label("Your role"), "YOT case manager")
    taps.fill(phone.get_by_label("Your email"), "pat.officer@yot.example")
    taps.tap(phone.get_by_role("button", name="Send the referral"))

    expect(phone.get_by_role("heading", name="Thank you: your referral was sent")).to_be_visible()
    check_a11y(phone)
    held = Submission.objects.get()
    assert (held.borough, held.status) == (southwark, SubmissionStatus.NEW)
    assert not Client.objects.filter(last_name="Okonjo").exists()

    sign_in(page, live_server, manager)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Referrals").click()
    check_a11y(page)
    page.get_by_role("link", name=held.reference).click()
    expect(page.get_by_text("Wants help to leave a gang.").first).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Accept the referral").click()

    expect(page.get_by_role("status")).to_contain_text(f"{held.reference} was accepted")
    held.refresh_from_db()
    young_person = Client.objects.get(last_name="Okonjo")
    assert (held.status, held.client, young_person.borough) == (
        SubmissionStatus.ACCEPTED,
        young_person,
        southwark,
    )
    with capsys.disabled():
        print(f"\npartner referral on a phone: {taps.count} taps (one borough offered)")
