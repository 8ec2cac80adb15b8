import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from clients.models import Client
from tests.concurrency import post_as, race
from tests.factories import CaseFactory
from tests.sign_in import sign_in


def edit_data(client_record, **overrides):
    data = {
        "first_name": client_record.first_name,
        "last_name": client_record.last_name,
        "date_of_birth": client_record.date_of_birth.isoformat(),
        "gender": client_record.gender,
        "ethnicity": client_record.ethnicity,
        "borough": client_record.borough_id,
        "version": client_record.version,
    }
    return {**data, **overrides}


def test_it_saves_edits_and_bumps_the_version(client, login, alice, southwark_client):
    login(alice)
    url = reverse("clients:edit", args=[southwark_client.pk])
    response = client.post(url, edit_data(southwark_client, phone="07700 900001"))
    assert response.status_code == 302
    southwark_client.refresh_from_db()
    assert (southwark_client.phone, southwark_client.version) == ("07700 900001", 2)


def test_it_refuses_a_save_based_on_an_old_version(client, login, alice, bob, southwark_client):
    url = reverse("clients:edit", args=[southwark_client.pk])
    opened = edit_data(southwark_client)
    bobs = sign_in(HttpClient(), bob)
    assert bobs.post(url, {**opened, "phone": "07700 900002"}).status_code == 302

    login(alice)
    response = client.post(url, {**opened, "phone": "07700 900003", "postcode": "SE1 1AA"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this while you were editing" in html
    assert "07700 900002" in html and 'value="07700 900003"' in html  # both versions
    assert 'value="SE1 1AA"' in html  # nothing typed is lost
    southwark_client.refresh_from_db()
    assert southwark_client.phone == "07700 900002"

    # Having seen Bob's save, Alice may save hers over it.
    assert response.context["form"]["version"].value() == 2
    resubmit = {**opened, "phone": "07700 900003", "version": 2}
    assert client.post(url, resubmit).status_code == 302
    southwark_client.refresh_from_db()
    assert southwark_client.phone == "07700 900003"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_loses_no_update_when_two_people_save_at_once(southwark, alice, bob):
    record = CaseFactory(client__borough=southwark).client
    url = reverse("clients:edit", args=[record.pk])
    opened = edit_data(record)
    statuses = race(
        post_as(alice, url, {**opened, "phone": "07700 900004"}),
        post_as(bob, url, {**opened, "phone": "07700 900005"}),
    )
    assert sorted(statuses) == [200, 302]  # one saved, the other was told of the conflict
    assert Client.objects.get(pk=record.pk).version == 2
