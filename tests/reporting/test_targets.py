"""Contract targets: admins set them, managers read their own boroughs', and a contract
year's targets are fixed once a return of that year is signed off."""

import pytest
from django.urls import reverse
from pghistory.models import Events

from reporting import services
from reporting.models import Target
from reporting.months import Month
from tests.reporting.conftest import MARCH

TARGETS = reverse("reporting:targets")
SET = reverse("reporting:target_set")


def set_target(client, borough, figure="new_starts", year_start="2024-09", value=48):
    return client.post(
        SET, {"borough": borough.pk, "figure": figure, "year_start": year_start, "value": value}
    )


def test_an_admin_sets_and_changes_a_target_and_every_value_is_in_the_history(
    client, login, admin_user, southwark
):
    login(admin_user)
    assert set_target(client, southwark, value=48).status_code == 302
    assert set_target(client, southwark, value=60).status_code == 302
    target = Target.objects.get()
    assert (target.borough, target.figure, target.value) == (southwark, "new_starts", 60)
    assert target.year_start == Month(2024, 9).first
    history = Events.objects.tracks(target).order_by("pgh_created_at")
    assert [event.pgh_data["value"] for event in history] == [48, 60]
    page = client.get(TARGETS).content.decode()
    assert "September 2024" in page and ">60<" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year_start", "2024-13", "Enter the first month as year-month"),
        ("year_start", "Sept", "Enter the first month as year-month"),
        ("value", "-1", "greater than or equal to 0"),
        ("figure", "referrals", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, login, admin_user, southwark, field, value, message
):
    login(admin_user)
    data = {"borough": southwark.pk, "figure": "hours", "year_start": "2025-04", "value": 900}
    response = client.post(SET, {**data, field: value})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not Target.objects.exists()


def test_a_signed_off_year_keeps_its_targets(client, login, admin_user, manager, southwark, march):
    services.target_set(
        borough=southwark, figure="new_starts", year_start=Month(2024, 9), value=48, user=admin_user
    )
    services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    login(admin_user)
    response = set_target(client, southwark, year_start="2024-09", value=10)
    assert response.status_code == 400
    assert "its targets are fixed" in response.content.decode()
    # Neither a change nor a new figure for that year; the next year is still open.
    assert set_target(client, southwark, figure="hours", year_start="2024-09").status_code == 400
    assert list(Target.objects.values_list("figure", "value")) == [("new_starts", 48)]
    assert set_target(client, southwark, year_start="2025-09", value=50).status_code == 302


def test_contract_years_of_a_borough_do_not_overlap(client, login, admin_user, southwark):
    login(admin_user)
    assert set_target(client, southwark, year_start="2025-04").status_code == 302
    response = set_target(client, southwark, figure="hours", year_start="2025-09")
    assert response.status_code == 400
    assert "already has a contract year starting April 2025" in response.content.decode()
    assert set_target(client, southwark, figure="hours", year_start="2026-04").status_code == 302


def test_a_manager_reads_only_their_boroughs_targets_and_cannot_set_one(
    client, login, admin_user, manager, southwark, croydon
):
    for borough, value in [(southwark, 41), (croydon, 97)]:
        services.target_set(
            borough=borough, figure="workshops", year_start=Month(2025, 4), value=value,
            user=admin_user,
        )  # fmt: skip
    login(manager)
    response = client.get(TARGETS)
    assert [t.borough for t in response.context["targets"]] == [southwark]
    assert response.context["form"] is None
    assert ">97<" not in response.content.decode()
    assert set_target(client, southwark).status_code == 403
    assert Target.objects.count() == 2


def test_an_admin_picks_only_from_real_boroughs(client, login, admin_user, southwark):
    login(admin_user)
    response = client.post(
        SET, {"borough": "999999", "figure": "hours", "year_start": "2025-04", "value": 9}
    )
    assert response.status_code == 400
    assert "borough" in response.context["form"].errors
