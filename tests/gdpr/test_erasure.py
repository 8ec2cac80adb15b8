"""Erasure on request: asked from the young person's page by one admin, approved by a
different admin after a page saying what happens, then anonymised and closed."""

from datetime import date

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from casework.models import Session
from clients.models import Case, Client
from gdpr import services
from gdpr.models import ErasureRequest
from reporting.models import MonthlyReturn
from reporting.months import Month
from reporting.selectors import monthly_figures
from reporting.services import return_sign_off
from tests.casework.test_session_log import log_data
from tests.factories import CaseFactory, SessionFactory, UserFactory
from tests.sign_in import sign_in


@pytest.fixture
def second_admin(db):
    return UserFactory(first_name="Sam", role="admin")


def request_erasure(page, young_person, reason="By letter, identity checked with passport"):
    return page.post(reverse("gdpr:erasure_request", args=[young_person.pk]), {"reason": reason})


def test_it_starts_from_the_young_persons_page_without_typing_a_number(
    client, login, admin_user, southwark_client
):
    login(admin_user)
    detail = client.get(reverse("clients:detail", args=[southwark_client.pk])).content.decode()
    url = reverse("gdpr:erasure_request", args=[southwark_client.pk])
    assert f'href="{url}"' in detail
    response = client.get(url)
    assert list(response.context["form"].fields) == ["reason"]
    assert "Client number" not in response.content.decode()
    assert southwark_client.display_name in response.content.decode()


def test_it_offers_erasure_to_admins_only(client, login, alice, manager, southwark_client):
    url = reverse("gdpr:erasure_request", args=[southwark_client.pk])
    for persona in (alice, manager):
        login(persona)
        detail = client.get(reverse("clients:detail", args=[southwark_client.pk]))
        assert url not in detail.content.decode()
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "x"}).status_code == 403
    assert not ErasureRequest.objects.exists()


def test_it_needs_a_reason_explained_beside_the_field(client, login, admin_user, southwark_client):
    login(admin_user)
    response = request_erasure(client, southwark_client, reason="")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Enter the reason."]
    assert not ErasureRequest.objects.exists()


def test_it_needs_a_second_admin_after_a_confirmation(
    client, login, admin_user, second_admin, southwark_client
):
    page = login(admin_user)
    response = request_erasure(page, southwark_client)
    erasure = ErasureRequest.objects.get()
    assert response["Location"] == reverse("gdpr:erasure_detail", args=[erasure.pk])
    # The requester sees the state and no way to approve it themselves.
    mine = page.get(response["Location"]).content.decode()
    assert "Waiting for a second admin to approve" in mine
    assert "another admin must approve it" in mine
    assert reverse("gdpr:erasure_approve", args=[erasure.pk]) not in mine
    page.post(reverse("gdpr:erasure_approve", args=[erasure.pk]))
    assert ErasureRequest.objects.get().is_pending
    assert Client.objects.get(pk=southwark_client.pk).first_name == "Jay"

    sign_in(client, second_admin)
    confirm = client.get(reverse("gdpr:erasure_detail", args=[erasure.pk])).content.decode()
    assert "What approving will do" in confirm
    assert "This cannot be undone" in confirm
    assert "Their open support (1 episode) is closed today" in confirm
    assert f'action="{reverse("gdpr:erasure_approve", args=[erasure.pk])}"' in confirm
    # Reading the confirmation changes nothing.
    assert Client.objects.get(pk=southwark_client.pk).first_name == "Jay"

    client.post(reverse("gdpr:erasure_approve", args=[erasure.pk]))
    erasure.refresh_from_db()
    assert (erasure.approved_by, erasure.is_pending) == (second_admin, False)
    assert Client.objects.get(pk=southwark_client.pk).first_name == "Anonymised"

    # Both admins now read the same state.
    expected = f"Approved by {second_admin} on {timezone.localdate():%-d %b %Y}: anonymised"
    for admin in (admin_user, second_admin):
        sign_in(client, admin)
        listing = client.get(reverse("gdpr:erasure_list")).content.decode()
        assert expected in listing


def test_it_refuses_a_second_open_request_for_the_same_young_person(
    client, login, admin_user, second_admin, southwark_client
):
    login(admin_user)
    request_erasure(client, southwark_client)
    first = ErasureRequest.objects.get()
    sign_in(client, second_admin)
    # The page shows the waiting request instead of a second form, and a POST adds nothing.
    response = request_erasure(client, southwark_client, reason="Asked again by phone")
    assert response["Location"] == reverse("gdpr:erasure_detail", args=[first.pk])
    assert ErasureRequest.objects.count() == 1
    with pytest.raises(services.ErasureNotAllowed, match="already requested"):
        services.erasure_request(client=southwark_client, requested_by=second_admin, reason="x")
    # And the database refuses one that slips past the check.
    with pytest.raises(IntegrityError):
        ErasureRequest.objects.create(
            client=southwark_client, requested_by=second_admin, reason="x"
        )


def test_it_refuses_a_request_for_someone_already_anonymised(
    client, login, admin_user, second_admin, southwark_client
):
    erasure = services.erasure_request(client=southwark_client, requested_by=admin_user, reason="x")
    services.erasure_approve(erasure=erasure, approved_by=second_admin)
    login(admin_user)
    response = request_erasure(client, Client.objects.get(pk=southwark_client.pk))
    assert response.status_code == 200
    assert "already anonymised" in response.content.decode()
    assert ErasureRequest.objects.count() == 1


def test_it_closes_open_support_and_refuses_new_sessions_and_support(
    client, login, admin_user, second_admin, alice, southwark_client
):
    case = southwark_client.cases.get()
    erasure = services.erasure_request(client=southwark_client, requested_by=admin_user, reason="x")
    services.erasure_approve(erasure=erasure, approved_by=second_admin)
    case.refresh_from_db()
    assert case.closure_date == timezone.localdate()
    assert case.closure_reason.name == "Record anonymised"

    login(alice)
    header = client.get(reverse("clients:detail", args=[southwark_client.pk])).content.decode()
    assert f"{reverse('casework:session_log')}?case={case.pk}" not in header
    response = client.post(reverse("casework:session_log"), log_data(case))
    assert response.status_code == 200
    assert response.context["form"].errors["case"]
    assert not Session.objects.exists()
    reopen = client.post(
        reverse("clients:case_open", args=[southwark_client.pk]), follow=True
    ).content.decode()
    assert "no new support can be recorded" in reopen
    assert Case.objects.filter(client=southwark_client).count() == 1


def test_it_leaves_signed_off_returns_as_they_were(admin_user, second_admin, manager, southwark):
    # Support that started, was worked and signed off last month, with a birthday late in
    # the year so the age band is the one the anonymised year could most easily move.
    last_month = Month.of(timezone.localdate()).previous()
    start = last_month.first
    case = CaseFactory(
        client__borough=southwark,
        client__date_of_birth=date(start.year - 16, 12, 31),
        referral_date=start,
        index_date=start,
    )
    SessionFactory(case=case, date=start)
    signed = return_sign_off(borough=southwark, month=last_month, user=manager)
    before = dict(signed.figures)

    erasure = services.erasure_request(client=case.client, requested_by=admin_user, reason="x")
    services.erasure_approve(erasure=erasure, approved_by=second_admin)

    signed.refresh_from_db()
    assert signed.figures == before
    assert MonthlyReturn.objects.count() == 1
    # Recomputed from the anonymised records, last month's figures are still the same.
    assert monthly_figures(last_month, [southwark.pk]).column(str(southwark.pk)) == before


def test_it_rejects_get_on_approve(login, admin_user, southwark_client):
    erasure = ErasureRequest.objects.create(
        client=southwark_client, requested_by=admin_user, reason="x"
    )
    url = reverse("gdpr:erasure_approve", args=[erasure.pk])
    assert login(admin_user).get(url).status_code == 405


@pytest.mark.parametrize("name", ["gdpr:erasure_list", "gdpr:erasure_detail"])
def test_it_is_for_admins_only(login, manager, admin_user, southwark_client, name):
    erasure = ErasureRequest.objects.create(
        client=southwark_client, requested_by=admin_user, reason="x"
    )
    args = [erasure.pk] if name == "gdpr:erasure_detail" else []
    assert login(manager).get(reverse(name, args=args)).status_code == 403


def test_it_404s_for_a_request_or_young_person_that_does_not_exist(login, admin_user):
    page = login(admin_user)
    assert page.get(reverse("gdpr:erasure_detail", args=[999999])).status_code == 404
    assert page.get(reverse("gdpr:erasure_request", args=[999999])).status_code == 404
