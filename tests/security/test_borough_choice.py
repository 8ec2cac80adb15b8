"""One borough picker (sos.access.chosen_boroughs) for every page that offers one: no choice
shows the user's boroughs, an unknown, malformed or out-of-scope choice is a 404 (issue 14.1,
which was a 500 on the monthly return and its downloads)."""

import pytest
from django.urls import reverse

from tests.factories import BoroughFactory, CaseFactory

PICKER_PAGES = [
    reverse("casework:team"),
    reverse("casework:team_no_interventions"),
    reverse("casework:team_no_contact"),
    reverse("casework:team_unverified"),
    reverse("reporting:return"),
    reverse("reporting:return_team"),
    reverse("reporting:return_records") + "?figure=referrals&",
    reverse("reporting:return_download", args=["csv"]) + "?month=2026-11&",
    reverse("reporting:return_download", args=["xlsx"]) + "?month=2026-11&",
    reverse("reporting:evaluation"),
]
THIRTY_DIGITS = "9" * 30


def with_borough(url: str, borough: str) -> str:
    separator = "" if url.endswith("&") else "?"
    return f"{url}{separator}borough={borough}"


@pytest.mark.parametrize("url", PICKER_PAGES)
def test_it_404s_for_a_borough_the_manager_may_not_see(client, login, manager, croydon, url):
    login(manager)
    assert client.get(with_borough(url, str(croydon.pk))).status_code == 404


@pytest.mark.parametrize("url", PICKER_PAGES)
@pytest.mark.parametrize("borough", [THIRTY_DIGITS, "abc", "-1", "1.5", "١", " 1", "0"])
def test_it_404s_for_a_malformed_or_unknown_borough(client, login, admin_user, url, borough):
    BoroughFactory()
    login(admin_user)
    assert client.get(with_borough(url, borough)).status_code == 404


@pytest.mark.parametrize("url", PICKER_PAGES)
def test_it_shows_an_own_borough_or_all_of_them(client, login, manager, southwark, url):
    login(manager)
    assert client.get(with_borough(url, str(southwark.pk))).status_code == 200
    assert client.get(with_borough(url, "")).status_code == 200
    assert client.get(url.rstrip("&").rstrip("?")).status_code == 200


def test_it_404s_the_exact_urls_of_the_report(client, login, manager, admin_user, croydon):
    login(manager)
    for path in [
        f"/reporting/return/?borough={croydon.pk}",
        f"/reporting/return/download.csv?borough={croydon.pk}&month=2026-11",
        f"/reporting/return/download.xlsx?borough={croydon.pk}&month=2026-11",
    ]:
        assert client.get(path).status_code == 404, path
    login(admin_user)
    assert client.get(f"/reporting/return/?borough={THIRTY_DIGITS}").status_code == 404


def test_it_404s_signing_off_a_malformed_borough(client, login, manager):
    login(manager)
    for borough in [THIRTY_DIGITS, "abc", ""]:
        response = client.post(
            reverse("reporting:return_sign_off"), {"month": "2026-11", "borough": borough}
        )
        assert response.status_code == 404


def test_it_lists_a_case_under_the_borough_of_its_support_as_the_return_does(
    client, login, admin_user, southwark, croydon
):
    # A Southwark young person supported in Croydon: the team page and the return both count
    # the case's borough (DOMAIN.md), so the case is Croydon's to chase, not Southwark's.
    case = CaseFactory(client__borough=southwark, borough=croydon)
    login(admin_user)
    chased = {
        borough.name: [
            c.pk
            for c in client.get(reverse("casework:team"), {"borough": borough.pk}).context[
                "no_contact"
            ]
        ]
        for borough in (southwark, croydon)
    }
    assert chased == {"Southwark": [], "Croydon": [case.pk]}
