"""Journey 5: a borough evaluator signs in, sees home, is refused every page that names young
people, and sees their own borough's evaluation with small counts suppressed."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_refuses_the_evaluator_every_client_page(
    live_server, page, evaluator, alice, southwark, check_a11y
):
    case = CaseFactory(
        client__borough=southwark,
        client__first_name="Zainab",
        client__last_name="Quashie",
        caseworker=alice,
    )
    session = SessionFactory(case=case)
    sign_in(page, live_server, evaluator, check=check_a11y)
    expect(page.get_by_role("heading", name=f"Hello, {evaluator.first_name}")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Young people")).to_have_count(0)
    check_a11y(page)

    response = page.goto(f"{live_server.url}/clients/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page)  # the refusal page itself

    # Pages about one young person answer as if they did not exist (404), lists refuse (403).
    client = case.client_id
    for path in [
        "/clients/",
        "/clients/refer/",
        f"/clients/{client}/",
        f"/clients/{client}/edit/",
        f"/casework/clients/{client}/timeline/",
        "/casework/sessions/log/",
        f"/casework/sessions/{session.pk}/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status in (403, 404), path
        body = page.content()
        assert "Zainab" not in body and "Quashie" not in body, path


def test_it_shows_the_evaluator_suppressed_aggregates_of_their_borough_only(
    live_server, page, evaluator, alice, southwark, croydon, check_a11y
):
    for borough in (southwark, croydon):
        for _ in range(3):  # three of each: under the threshold of 5
            CaseFactory(
                client__borough=borough,
                client__last_name="Quashie",
                referral_date=date(2023, 1, 2),
                index_date=date(2023, 1, 3),
            )
    sign_in(page, live_server, evaluator)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Evaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation: Southwark")
    # One quarter of three: "<5", so the whole cohort (also three) is hidden as "[c]".
    expect(page.get_by_text("n = [c]").first).to_be_visible()
    check_a11y(page)
    body = page.content()
    assert "Croydon" not in body and "Quashie" not in body
    assert "/clients/" not in body

    # Another borough is a 404 (sos.access.chosen_boroughs), not their own shown instead.
    response = page.goto(f"{live_server.url}/reporting/evaluation/?borough={croydon.pk}")
    assert response.status == 404
    assert "Croydon" not in page.content() and "Quashie" not in page.content()
    assert page.goto(f"{live_server.url}/reporting/return/").status == 403
