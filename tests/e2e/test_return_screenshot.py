"""The monthly return's summary on a phone and a desktop for the README (docs/screenshots/),
checked with axe-core at both sizes. Every name and figure is synthetic."""

from datetime import date, timedelta

import pytest

from reporting import services
from reporting.months import Month
from sos.models import Role
from tests.e2e.conftest import sign_in
from tests.e2e.test_screenshots import shoot
from tests.factories import CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_saves_a_screenshot_of_the_return_summary(live_server, browser, southwark, check_a11y):
    manager = UserFactory(
        email="morgan.manager@example.invalid", first_name="Morgan", last_name="Manager",
        role=Role.MANAGER, boroughs=[southwark],
    )  # fmt: skip
    admin = UserFactory(email="ada.admin@example.invalid", role=Role.ADMIN)
    last_month = Month.of(date.today()).previous()
    # A year of new starts and sessions, rising, with a target from 11 months ago.
    for back in range(12):
        month = last_month.plus(-back)
        for n in range(1 + (11 - back) % 5):
            day = month.first + timedelta(days=n)
            case = CaseFactory(client__borough=southwark, referral_date=day, index_date=day)
            SessionFactory(case=case, date=day, duration_minutes=60 + 15 * n)
    services.target_set(
        borough=southwark, figure="new_starts", year_start=last_month.plus(-5), value=40,
        user=admin,
    )  # fmt: skip
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/reporting/return/?month={last_month}")
    page.get_by_role("heading", name="At a glance").scroll_into_view_if_needed()
    shoot(page, check_a11y, "return-summary")
    context.close()
