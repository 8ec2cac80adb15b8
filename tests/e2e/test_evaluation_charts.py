"""The borough evaluation's charts as a borough evaluator sees them (suppressed), on a 360 px
phone and a desktop: screenshots for the README (docs/screenshots/), the page checked with
axe-core, and no chart drawing a suppressed month as an empty one. Every name is synthetic."""

from datetime import date, timedelta

import pytest

from reporting.evaluation import series_months
from sos.models import Role
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Referrals per month over the 24 months shown: some months under 5 (suppressed), some none.
REFERRALS = [6, 2, 7, 0, 9, 5, 3, 8, 6, 0, 7, 5, 4, 9, 6, 8, 0, 5, 7, 1, 6, 9, 5, 8]


def test_it_draws_the_evaluation_charts_readably_on_a_phone_and_a_desktop(
    live_server, browser, southwark, check_a11y
):
    evaluator = UserFactory(
        email="eve.evaluator@example.invalid",
        first_name="Eve",
        last_name="Evaluator",
        role=Role.EVALUATOR,
        boroughs=[southwark],
    )
    for month, count in zip(series_months(date.today()), REFERRALS, strict=True):
        for day in range(count):
            referred = month.first + timedelta(days=day)
            CaseFactory(client__borough=southwark, referral_date=referred, index_date=referred)

    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, evaluator)
    page.goto(f"{live_server.url}/reporting/evaluation/")
    chart = page.locator(".series-chart").first
    for size, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page.set_viewport_size(viewport)
        check_a11y(page)
        box = chart.bounding_box()
        assert box["width"] <= viewport["width"]
        chart.screenshot(path=SCREENSHOTS / f"evaluation-chart-{size}.png", animations="disabled")
    # The months under 5 are drawn as suppressed and marked, never as empty months.
    small = sum(0 < n < 5 for n in REFERRALS)
    assert chart.locator(".bar-hidden").count() == small
    assert chart.locator("text.chart-mark").all_text_contents() == ["<5"] * small
    context.close()
