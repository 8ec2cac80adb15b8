from datetime import date, timedelta

import pytest
from django.urls import reverse

from clients.models import Case, ClosureReason, ReferralSource
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def case(southwark_client):
    return southwark_client.cases.get()


def close_data(case, **overrides):
    data = {
        "closure_date": date.today().isoformat(),
        "closure_reason": ClosureReason.objects.get(name="Completed").pk,
        "version": case.version,
    }
    return {**data, **overrides}


def test_it_closes_support(client, login, alice, case):
    login(alice)
    response = client.post(reverse("clients:case_close", args=[case.pk]), close_data(case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.closure_reason.name == "Completed"


def test_it_refuses_closure_before_referral(client, login, alice, case):
    login(alice)
    before = (case.referral_date - timedelta(days=1)).isoformat()
    data = close_data(case, closure_date=before, closure_notes="Kept note")
    response = client.post(reverse("clients:case_close", args=[case.pk]), data)
    assert response.status_code == 200
    assert "cannot be before the referral date" in response.content.decode()
    assert response.context["form"].errors["closure_date"]
    assert "Kept note" in response.content.decode()


def test_it_needs_a_closure_reason(client, login, alice, case):
    login(alice)
    data = close_data(case, closure_reason="")
    response = client.post(reverse("clients:case_close", args=[case.pk]), data)
    assert response.context["form"].errors["closure_reason"]


def edit_data(case, **overrides):
    data = {
        "referral_date": case.referral_date.isoformat(),
        "referral_source": case.referral_source_id,
        "index_date": case.index_date.isoformat() if case.index_date else "",
        "caseworker": case.caseworker_id or "",
        "version": case.version,
    }
    return {**data, **overrides}


def test_it_refuses_an_index_date_before_referral(client, login, alice, case):
    login(alice)
    before = (case.referral_date - timedelta(days=1)).isoformat()
    response = client.post(
        reverse("clients:case_edit", args=[case.pk]), edit_data(case, index_date=before)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["index_date"]


def test_it_edits_support_details(client, login, alice, case):
    login(alice)
    later = (case.referral_date + timedelta(days=3)).isoformat()
    response = client.post(
        reverse("clients:case_edit", args=[case.pk]), edit_data(case, index_date=later)
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.index_date.isoformat() == later and case.version == 2


def test_it_refuses_to_open_a_second_case_while_one_is_open(client, login, alice, case):
    login(alice)
    response = client.get(reverse("clients:case_open", args=[case.client_id]))
    assert response.status_code == 302
    assert Case.objects.filter(client=case.client).count() == 1


def test_it_reopens_support_as_a_new_case(client, login, alice, southwark_client):
    case = southwark_client.cases.get()
    case.closure_date = date.today() - timedelta(days=5)
    case.closure_reason = ClosureReason.objects.get(name="Disengaged")
    case.save()
    login(alice)
    data = {
        "referral_date": date.today().isoformat(),
        "referral_source": ReferralSource.objects.get(name="Self").pk,
    }
    response = client.post(reverse("clients:case_open", args=[southwark_client.pk]), data)
    assert response.status_code == 302
    cases = list(southwark_client.cases.all())
    assert len(cases) == 2 and cases[1].closure_date == case.closure_date  # history kept
    assert cases[0].status == "referred"


def test_it_lets_only_managers_allocate(client, login, alice, manager, bob, case):
    login(alice)
    url = reverse("clients:case_allocate", args=[case.pk])
    assert client.get(url).status_code == 403
    login(manager)
    response = client.post(url, {"caseworker": bob.pk, "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.caseworker == bob


def test_it_allocates_only_staff_of_the_cases_borough(client, login, manager, charlie, case):
    login(manager)
    url = reverse("clients:case_allocate", args=[case.pk])
    response = client.post(url, {"caseworker": charlie.pk, "version": case.version})
    assert response.status_code == 200
    assert response.context["form"].errors["caseworker"]


def test_it_refuses_a_stale_allocation(client, login, manager, bob, case):
    other = UserFactory(boroughs=[case.borough])
    login(manager)
    url = reverse("clients:case_allocate", args=[case.pk])
    client.post(url, {"caseworker": other.pk, "version": case.version})
    response = client.post(url, {"caseworker": bob.pk, "version": case.version})
    assert "Someone else saved this" in response.content.decode()
    case.refresh_from_db()
    assert case.caseworker == other


def test_it_keeps_a_moved_clients_old_case_in_its_borough(croydon, southwark):
    case = CaseFactory(client__borough=southwark)
    case.client.borough = croydon
    case.client.save()
    case.refresh_from_db()
    assert case.borough == southwark


def actions(response) -> set[str]:
    """The lifecycle actions offered on the client's page, by their words."""
    html = response.content.decode()
    return {words for words in ["Close support", "Reopen support"] if words in html}


def test_it_offers_only_the_lifecycle_actions_that_fit(client, login, alice, southwark):
    login(alice)
    referred = CaseFactory(client__borough=southwark, caseworker=alice, index_date=None)
    detail = reverse("clients:detail", args=[referred.client_id])
    assert actions(client.get(detail)) == {"Close support"}
    started = CaseFactory(client__borough=southwark, caseworker=alice)
    assert actions(client.get(reverse("clients:detail", args=[started.client_id]))) == {
        "Close support"
    }
    client.post(reverse("clients:case_close", args=[referred.pk]), close_data(referred))
    assert actions(client.get(detail)) == {"Reopen support"}


def test_it_offers_today_as_the_closure_date(client, login, alice, case):
    login(alice)
    form = client.get(reverse("clients:case_close", args=[case.pk])).context["form"]
    assert form.initial["closure_date"] == date.today()
