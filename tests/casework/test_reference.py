"""Reference data in the app's own pages: admins add and retire, never delete; forms offer
only what is offered; past records keep their labels; every change says who made it."""

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse

from casework.forms.session import SessionLogForm
from casework.models import InterventionType, OutcomeType, Pathway
from clients.models import ClosureReason, ReferralSource, RiskFlagType
from tests.factories import SessionFactory

SLUGS = ["interventions", "outcome-types", "closure-reasons", "referral-sources", "risk-flag-types"]


def list_url(slug):
    return reverse("casework:reference_list", args=[slug])


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
def test_it_is_for_admins_only(client, login, request, persona):
    login(request.getfixturevalue(persona))
    assert client.get(reverse("casework:reference_index")).status_code == 403
    assert client.get(list_url("interventions")).status_code == 403
    entry = ReferralSource.objects.create(name="Synthetic source")
    retire = reverse("casework:reference_retire", args=["referral-sources", entry.pk])
    assert client.post(retire).status_code == 403
    entry.refresh_from_db()
    assert entry.is_active


def test_it_lists_every_kind_from_the_header(client, login, admin_user):
    login(admin_user)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("casework:reference_index")}"' in home
    index = client.get(reverse("casework:reference_index")).content.decode()
    for slug in SLUGS:
        assert f'href="{list_url(slug)}"' in index


def test_it_adds_an_intervention_under_a_pathway_offered_on_the_session_form(
    client, login, admin_user, alice
):
    pathway = Pathway.objects.get(name="Accommodation")
    login(admin_user)
    response = client.post(
        list_url("interventions"), {"pathway": pathway.pk, "name": "  Tenancy   sustainment "}
    )
    assert response.status_code == 302
    added = InterventionType.objects.get(name="Tenancy sustainment")
    assert (added.pathway, added.is_active) == (pathway, True)
    offered = SessionLogForm(user=alice).fields["interventions"].queryset
    assert added in offered
    page = client.get(list_url("interventions")).content.decode()
    assert f"Added \u201cTenancy sustainment\u201d, by {admin_user}" in page


@pytest.mark.parametrize(
    ("slug", "model", "data"),
    [
        ("outcome-types", OutcomeType, {"category": "employment", "is_positive": "on"}),
        ("closure-reasons", ClosureReason, {}),
        ("referral-sources", ReferralSource, {}),
        ("risk-flag-types", RiskFlagType, {}),
    ],
)
def test_it_adds_to_each_list(client, login, admin_user, slug, model, data):
    login(admin_user)
    client.post(list_url(slug), {"name": "Synthetic new entry", **data})
    assert model.objects.get(name="Synthetic new entry").is_active


def test_it_refuses_a_name_already_on_the_list_beside_the_field(client, login, admin_user):
    existing = ReferralSource.objects.first()
    login(admin_user)
    response = client.post(list_url("referral-sources"), {"name": existing.name.upper()})
    assert response.status_code == 200
    assert "is already on this list" in response.context["form"].errors["name"][0]
    assert ReferralSource.objects.filter(name__iexact=existing.name).count() == 1


def test_it_retires_without_losing_past_labels_and_offers_again(
    client, login, admin_user, alice, southwark_client
):
    cv = InterventionType.objects.get(name="CV workshop")
    session = SessionFactory(case=southwark_client.cases.get())
    session.interventions.add(cv)
    login(admin_user)
    client.post(reverse("casework:reference_retire", args=["interventions", cv.pk]))
    cv.refresh_from_db()
    assert not cv.is_active
    assert cv not in SessionLogForm(user=alice).fields["interventions"].queryset
    page = client.get(list_url("interventions")).content.decode()
    assert f"Retired \u201cCV workshop\u201d, by {admin_user}" in page

    login(alice)
    detail = client.get(reverse("casework:session_detail", args=[session.pk])).content.decode()
    assert "CV workshop" in detail

    login(admin_user)
    client.post(reverse("casework:reference_offer", args=["interventions", cv.pk]))
    cv.refresh_from_db()
    assert cv.is_active
    page = client.get(list_url("interventions")).content.decode()
    assert f"Offered \u201cCV workshop\u201d again, by {admin_user}" in page


def test_it_never_deletes_even_outside_the_pages(admin_user):
    unused = RiskFlagType.objects.create(name="Synthetic unused type")
    with pytest.raises(ProgrammingError, match="Cannot delete"), transaction.atomic():
        unused.delete()
    assert RiskFlagType.objects.filter(pk=unused.pk).exists()


@pytest.mark.parametrize("url_name", ["casework:reference_retire", "casework:reference_offer"])
def test_it_rejects_get(client, login, admin_user, url_name):
    login(admin_user)
    url = reverse(url_name, args=["closure-reasons", ClosureReason.objects.first().pk])
    assert client.get(url).status_code == 405


def test_it_404s_an_unknown_list_or_entry(client, login, admin_user):
    login(admin_user)
    assert client.get(list_url("boroughs")).status_code == 404
    retire = reverse("casework:reference_retire", args=["closure-reasons", 999999])
    assert client.post(retire).status_code == 404


@pytest.mark.parametrize("extra", [0, 15])
def test_it_shows_a_list_in_a_fixed_number_of_queries(
    client, login, admin_user, django_assert_num_queries, extra
):
    pathway = Pathway.objects.first()
    login(admin_user)
    for n in range(extra):
        client.post(list_url("interventions"), {"pathway": pathway.pk, "name": f"Synthetic {n}"})
    # session, user, 2FA device; interventions with their pathways; the latest changes with
    # who made them; the pathway choices of the form
    with django_assert_num_queries(6):
        response = client.get(list_url("interventions"))
    assert len(response.context["history"]) == extra
