"""Erasure on request: one admin asks, a different admin approves, then it is anonymised."""

from django.urls import reverse

from clients.models import Client
from gdpr.models import ErasureRequest
from tests.factories import UserFactory
from tests.sign_in import sign_in


def test_it_needs_a_second_admin(client, login, admin_user, southwark_client):
    page = login(admin_user)
    page.post(reverse("gdpr:erasure_list"), {"client": southwark_client.pk, "reason": "By letter"})
    erasure = ErasureRequest.objects.get()
    page.post(reverse("gdpr:erasure_approve", args=[erasure.pk]))
    assert ErasureRequest.objects.get().is_pending
    assert Client.objects.get(pk=southwark_client.pk).first_name == "Jay"

    second = UserFactory(role="admin")
    sign_in(client, second)
    client.post(reverse("gdpr:erasure_approve", args=[erasure.pk]))
    erasure.refresh_from_db()
    assert (erasure.approved_by, erasure.is_pending) == (second, False)
    assert Client.objects.get(pk=southwark_client.pk).first_name == "Anonymised"


def test_it_rejects_get(login, admin_user, southwark_client):
    erasure = ErasureRequest.objects.create(
        client=southwark_client, requested_by=admin_user, reason="x"
    )
    url = reverse("gdpr:erasure_approve", args=[erasure.pk])
    assert login(admin_user).get(url).status_code == 405


def test_it_is_for_admins_only(login, manager):
    assert login(manager).get(reverse("gdpr:erasure_list")).status_code == 403
