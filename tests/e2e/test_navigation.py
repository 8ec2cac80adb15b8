"""Issue 18 item 10: every role's navigation bar fits on one line on a desktop (1024 px and
wider) without widening the page, and folds behind the toggler on a phone."""

import re

import pytest
from playwright.sync_api import expect

from sos.models import Role
from tests.e2e.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP_WIDTHS = [1024, 1280, 1440]

# Measured in the page: the top-level items' boxes (on one line, one horizontal line crosses them
# all: the lowest top is above the highest bottom), the
# height of the name against a one-line item's, and the document's width against the window's.
MEASURE = """() => {
  const items = [...document.querySelectorAll('#main-nav > .navbar-nav > .nav-item')];
  const name = document.querySelector('#main-nav .account-name');
  const home = document.querySelector('#main-nav .nav-link');
  return {
    lowestTop: Math.max(...items.map(item => item.getBoundingClientRect().top)),
    highestBottom: Math.min(...items.map(item => item.getBoundingClientRect().bottom)),
    items: items.length,
    nameHeight: name.getBoundingClientRect().height,
    lineHeight: home.getBoundingClientRect().height,
    documentWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
  };
}"""


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MANAGER, Role.ADMIN, Role.EVALUATOR])
def test_it_fits_the_bar_on_one_line_and_folds_it_on_a_phone(
    live_server, page, southwark, role, check_a11y
):
    # A long real-world name, as the "A A A" wrapped.
    user = UserFactory(
        first_name="Oluwaseun", last_name="Fitzgerald-Okonkwo", role=role, boroughs=[southwark]
    )
    sign_in(page, live_server, user)
    nav = page.get_by_role("navigation", name="Main")
    sign_out = nav.get_by_role("button", name="Sign out")

    for width in DESKTOP_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        measured = page.evaluate(MEASURE)
        assert measured["lowestTop"] < measured["highestBottom"], (
            f"{role} at {width} px: the bar wraps {measured}"
        )
        assert measured["nameHeight"] <= measured["lineHeight"], f"{role} at {width} px"
        assert measured["documentWidth"] == measured["viewportWidth"] == width, (width, measured)
        expect(sign_out).to_be_in_viewport()
        expect(page.get_by_role("button", name="Show navigation")).to_be_hidden()
    check_a11y(page)

    page.set_viewport_size({"width": 360, "height": 740})
    toggler = page.get_by_role("button", name="Show navigation")
    expect(toggler).to_be_visible()
    expect(sign_out).to_be_hidden()
    toggler.click()
    # Bootstrap's collapse animates open; a tap before it ends misses.
    expect(page.locator("#main-nav")).not_to_have_class(re.compile(r"\bcollapsing\b"))
    expect(sign_out).to_be_in_viewport()
    # The account's pages are a tap further, under the person's name.
    nav.get_by_role("button", name=user.get_full_name()).click()
    expect(nav.get_by_role("link", name="Account and emails")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    check_a11y(page)
