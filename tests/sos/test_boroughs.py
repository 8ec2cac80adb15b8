import pytest
from django.urls import reverse

from sos.models import Borough


def borough_data(**overrides):
    data = {"name": "Lewisham", "area": "London", "is_active": "on"}
    return {**data, **overrides}


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
@pytest.mark.parametrize("url_name", ["borough_list", "borough_add"])
def test_it_is_for_admins_only(client, login, request, persona, url_name):
    login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 403


def test_it_adds_a_borough(client, login, admin_user):
    login(admin_user)
    response = client.post(
        reverse("borough_add"),
        borough_data(
            baseline_reoffending_rate="42.5",
            baseline_source="Published local rate",
            custody_cost_per_year="65000",
        ),
    )
    assert response.status_code == 302
    lewisham = Borough.objects.get(name="Lewisham")
    assert lewisham.is_active and str(lewisham.baseline_reoffending_rate) == "42.50"


def test_it_refuses_a_duplicate_name_ignoring_case_and_spaces(client, login, admin_user, southwark):
    login(admin_user)
    response = client.post(reverse("borough_add"), borough_data(name="  southWARK "))
    assert response.status_code == 200
    assert "A borough with this name already exists." in response.content.decode()
    assert Borough.objects.filter(name__iexact="southwark").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"area": ""}, "area"),
        ({"baseline_reoffending_rate": "120"}, "baseline_reoffending_rate"),
        ({"baseline_reoffending_rate": "forty"}, "baseline_reoffending_rate"),
        ({"baseline_reoffending_rate": "40"}, "baseline_source"),
        ({"custody_cost_per_year": "-1"}, "custody_cost_per_year"),
    ],
)
def test_it_explains_bad_input_beside_the_field(client, login, admin_user, overrides, field):
    login(admin_user)
    response = client.post(reverse("borough_add"), borough_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    if field != "area":
        assert 'value="London"' in response.content.decode()


def test_it_deactivates_a_borough_by_editing(client, login, admin_user, southwark):
    login(admin_user)
    data = borough_data(name="Southwark", is_active="")
    assert client.post(reverse("borough_edit", args=[southwark.pk]), data).status_code == 302
    southwark.refresh_from_db()
    assert not southwark.is_active
