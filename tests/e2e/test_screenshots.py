"""Screenshots of the main pages on a phone and a desktop for the README (docs/screenshots/),
each page also checked with axe-core at both sizes. Every name is synthetic."""

from datetime import date, timedelta

import pytest

from sos.models import Role
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.factories import (
    CaseFactory,
    ClientFactory,
    RiskFlagFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, check, name: str) -> None:
    for size, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page.set_viewport_size(viewport)
        check(page)
        page.screenshot(
            path=SCREENSHOTS / f"{name}-{size}.png", caret="hide", animations="disabled"
        )


def test_it_saves_screenshots_of_the_main_pages(live_server, browser, southwark, check_a11y):
    # Fixed names and addresses, so the pictures change only when the pages do (and the date).
    caseworker = UserFactory(
        email="casey.worker@example.invalid",
        first_name="Casey",
        last_name="Worker",
        role=Role.CASEWORKER,
        boroughs=[southwark],
    )
    manager = UserFactory(
        email="morgan.manager@example.invalid",
        first_name="Morgan",
        last_name="Manager",
        role=Role.MANAGER,
        boroughs=[southwark],
    )
    admin = UserFactory(
        email="ada.admin@example.invalid", first_name="Ada", last_name="Admin", role=Role.ADMIN
    )
    names = [("Jay", "Okafor"), ("Tia", "Williams"), ("Marcus", "Bennett"), ("Leah", "Osei")]
    cases = [
        CaseFactory(
            client=ClientFactory(first_name=first, last_name=last, borough=southwark),
            caseworker=caseworker,
        )
        for first, last in names
    ]
    recently = date.today() - timedelta(days=3)
    SessionFactory(
        case=cases[0],
        date=recently,
        next_action="Call the college about the course",
        next_action_due=date.today() + timedelta(days=2),
    )
    SessionFactory(case=cases[1], date=recently, duration_minutes=45)
    RiskFlagFactory(client=cases[0].client, recorded_by=caseworker)
    jay = cases[0].client

    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, check_a11y, "sign-in")
    sign_in(page, live_server, caseworker)
    shoot(page, check_a11y, "home")
    page.goto(f"{live_server.url}/casework/sessions/log/?case={cases[0].pk}")
    shoot(page, check_a11y, "log-session")
    page.goto(f"{live_server.url}/casework/clients/{jay.pk}/timeline/")
    shoot(page, check_a11y, "timeline")
    page.goto(f"{live_server.url}/clients/{jay.pk}/")
    shoot(page, check_a11y, "young-person")
    page.goto(f"{live_server.url}/clients/")
    shoot(page, check_a11y, "young-people")
    context.close()

    for user, path, name in [(manager, "/casework/team/", "team"), (admin, "/staff/", "staff")]:
        context = browser.new_context(viewport=DESKTOP, locale="en-GB")
        page = context.new_page()
        sign_in(page, live_server, user)
        page.goto(f"{live_server.url}{path}")
        shoot(page, check_a11y, name)
        context.close()
