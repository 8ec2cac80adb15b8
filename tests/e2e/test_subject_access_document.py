"""The subject access document as a young person or their solicitor opens it: downloaded by
an admin from the young person's page, unzipped, read in Chromium (WCAG checked), and
photographed for the README."""

import zipfile
from datetime import date

import pytest
from playwright.sync_api import expect

from sos.models import Role
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.factories import CaseFactory, OffenceFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_downloads_a_document_a_person_can_read(
    live_server, page, southwark, check_a11y, tmp_path
):
    caseworker = UserFactory(
        email="casey.worker@example.invalid",
        first_name="Casey",
        last_name="Worker",
        role=Role.CASEWORKER,
        boroughs=[southwark],
    )
    admin = UserFactory(
        email="ada.admin@example.invalid", first_name="Ada", last_name="Admin", role=Role.ADMIN
    )
    case = CaseFactory(
        client__borough=southwark,
        client__first_name="Jay",
        client__last_name="Okafor",
        client__date_of_birth=date(2008, 5, 4),
        caseworker=caseworker,
        referral_date=date(2025, 9, 1),
        index_date=date(2025, 9, 8),
    )
    SessionFactory(case=case, date=date(2025, 9, 8), notes="Met at the library; CV started.")
    OffenceFactory(client=case.client, recorded_by=caseworker, notes="Possession, 2024.")

    sign_in(page, live_server, admin)
    page.goto(f"{live_server.url}/clients/{case.client_id}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Subject access export").click()
    # Unzipped and opened from the disk, as the person who receives it would.
    zipfile.ZipFile(download.value.path()).extractall(tmp_path)
    page.goto((tmp_path / "subject-access.html").as_uri())

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Everything SOS Casework holds about Jay Okafor"
    )
    sessions = page.locator("section", has=page.get_by_role("heading", name="Sessions", exact=True))
    expect(sessions.get_by_role("cell", name="Met at the library; CV started.")).to_be_visible()
    expect(sessions.get_by_role("cell", name="8 Sep 2025")).to_be_visible()
    offences = page.locator("section", has=page.get_by_role("heading", name="Offences", exact=True))
    expect(offences.get_by_role("cell", name="Casey Worker")).to_be_visible()
    for size, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page.set_viewport_size(viewport)
        check_a11y(page)
        page.screenshot(
            path=SCREENSHOTS / f"subject-access-{size}.png", caret="hide", animations="disabled"
        )
