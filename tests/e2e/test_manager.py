"""Journey 3: a manager on a desktop opens the team view, allocates a caseworker on a case,
then opens the monthly return, downloads its XLSX and signs it off."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reporting.models import MonthlyReturn
from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_allocates_a_caseworker_from_the_team_view(
    live_server, page, manager, alice, bob, southwark, check_a11y
):
    case = CaseFactory(
        client__borough=southwark,
        client__first_name="Remi",
        client__last_name="Adebayo",
        caseworker=alice,
    )
    sign_in(page, live_server, manager)
    check_a11y(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Team and data quality")).to_be_visible()
    # Alice has a row in the team table and one in the six-month table below it.
    expect(page.get_by_role("row", name=alice.get_full_name()).first).to_be_visible()
    check_a11y(page)

    # Remi has had no contact for 30 days, so the data-quality list leads to him.
    page.get_by_role("link", name="Remi Adebayo").click()
    check_a11y(page)
    page.get_by_role("link", name="Details").click()
    check_a11y(page)
    page.get_by_role("link", name="Allocate a caseworker").click()
    check_a11y(page)
    page.get_by_label("Caseworker").select_option(label=bob.get_full_name())
    page.get_by_role("button", name="Allocate").click()

    expect(page.get_by_role("status")).to_contain_text("The caseworker was allocated")
    expect(page.get_by_text(f"Caseworker: {bob.get_full_name()}").first).to_be_visible()
    case.refresh_from_db()
    assert case.caseworker == bob


def test_it_opens_downloads_and_signs_off_the_monthly_return(
    live_server, page, manager, alice, southwark, check_a11y
):
    """The rest of journey 3: last month's return, its XLSX, then the sign-off."""
    last_month = date.today().replace(day=1) - timedelta(days=1)
    case = CaseFactory(
        client__borough=southwark,
        referral_date=last_month.replace(day=1),
        index_date=last_month.replace(day=2),
        caseworker=alice,
    )
    SessionFactory(case=case, date=last_month.replace(day=2), duration_minutes=90)
    sign_in(page, live_server, manager)
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Reports").click()
    nav.get_by_role("link", name="Monthly return").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(last_month.strftime("%B %Y"))
    check_a11y(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames[0] == "Cover"
    assert book["3. Active caseload"]["B2"].value == 1

    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("status")).to_contain_text("was signed off")
    expect(page.get_by_text("signed v1")).to_be_visible()
    check_a11y(page)
    assert MonthlyReturn.objects.get().signed_off_by == manager
