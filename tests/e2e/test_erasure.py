"""Journey: one admin asks for a young person's erasure from their page, a second admin
approves it after reading what it does; the record is anonymised and its support closed, and
last month's signed-off return is unchanged."""

from datetime import date

import pytest
from playwright.sync_api import expect

from casework.models import Session
from clients.models import Client
from reporting.models import MonthlyReturn
from reporting.months import Month
from reporting.services import return_sign_off
from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_erases_a_young_person_with_two_admins(
    live_server, browser, page, admin_user, manager, southwark, check_a11y
):
    last_month = Month.of(date.today()).previous()
    case = CaseFactory(
        client__borough=southwark,
        client__first_name="Jaden",
        client__last_name="Okoro",
        # Born late in the year: the age band is the one an anonymised date could move.
        client__date_of_birth=date(last_month.first.year - 16, 12, 30),
        referral_date=last_month.first,
        index_date=last_month.first,
    )
    SessionFactory(case=case, date=last_month.first)
    signed = return_sign_off(borough=southwark, month=last_month, user=manager)
    frozen = dict(signed.figures)
    second = UserFactory(first_name="Sam", last_name="Adeyemi", role="admin")

    sign_in(page, live_server, admin_user)
    page.goto(f"{live_server.url}/clients/{case.client_id}/")
    page.get_by_role("link", name="Erasure request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request the erasure of Jaden Okoro")
    check_a11y(page)
    page.get_by_label("Reason").fill("By email; identity checked against a passport copy")
    page.get_by_role("button", name="Request erasure").click()
    expect(page.get_by_role("status")).to_contain_text("another admin must approve it")
    expect(page.get_by_text("Waiting for a second admin to approve")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, approve and anonymise Jaden Okoro")).to_have_count(
        0
    )
    check_a11y(page)

    context = browser.new_context()
    sams = context.new_page()
    sign_in(sams, live_server, second)
    sams.get_by_role("button", name="Admin").click()
    sams.get_by_role("link", name="Erasure", exact=True).click()
    sams.get_by_role("link", name=f"Jaden Okoro (client {case.client_id})").click()
    expect(sams.get_by_role("heading", name="This cannot be undone")).to_be_visible()
    expect(sams.get_by_text("Their open support (1 episode) is closed today")).to_be_visible()
    check_a11y(sams)
    assert Client.objects.get(pk=case.client_id).first_name == "Jaden"
    sams.get_by_role("button", name="Yes, approve and anonymise Jaden Okoro").click()
    expect(sams.get_by_role("status")).to_contain_text("anonymised and its open support closed")

    # The record: anonymised, its support closed, no session can be logged for it.
    sams.goto(f"{live_server.url}/clients/{case.client_id}/")
    expect(sams.get_by_role("heading", level=1)).to_contain_text("Anonymised Anonymised")
    expect(sams.get_by_text("Closed", exact=True).first).to_be_visible()
    expect(sams.get_by_text("Record anonymised")).to_be_visible()
    expect(sams.locator(f"a[href$='?case={case.pk}']")).to_have_count(0)
    assert not Session.objects.filter(case__client_id=case.client_id, date__gt=last_month.first)

    # Last month's signed-off return: the same figures, and none shown as changed.
    sams.goto(f"{live_server.url}/reporting/return/?month={last_month}")
    expect(sams.get_by_text("Figures that changed since sign-off")).to_have_count(0)
    assert MonthlyReturn.objects.get().figures == frozen
    context.close()

    # The admin who asked sees what became of the request.
    page.goto(f"{live_server.url}/gdpr/erasure/")
    expect(page.get_by_role("cell", name="Approved by Sam Adeyemi on")).to_contain_text(
        "anonymised"
    )
