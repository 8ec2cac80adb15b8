"""The list and client pages: what they show and a query count that does not grow with data."""

import pytest
from django.urls import reverse

from clients.models import RiskFlagType
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    OffenceFactory,
    RiskFlagFactory,
    UserFactory,
)


def add_clients(borough, caseworker, count):
    for _ in range(count):
        case = CaseFactory(client__borough=borough, caseworker=caseworker)
        RiskFlagFactory(client=case.client)
        OffenceFactory(client=case.client)


def test_it_lists_in_a_fixed_number_of_queries(
    client, login, alice, southwark, django_assert_num_queries
):
    add_clients(southwark, alice, 3)
    login(alice)
    # session, user, verified 2FA device, user's boroughs for the filter form (2: borough and
    # caseworker choices), risk flag types, count, page of clients, their active flags; the
    # access record (audit.reads); session renewal (3)
    with django_assert_num_queries(13):
        response = client.get(reverse("clients:list"))
    assert len(response.context["page"]) == 3
    add_clients(southwark, alice, 30)
    with django_assert_num_queries(13):
        response = client.get(reverse("clients:list"))
    assert len(response.context["page"]) == 25


def test_it_filters_by_status_caseworker_and_risk(client, login, alice, bob, southwark):
    mine = CaseFactory(
        client__borough=southwark, client__last_name="Quartermain", caseworker=alice
    ).client
    bobs = CaseFactory(
        client__borough=southwark, client__last_name="Zephyr", caseworker=bob, index_date=None
    ).client
    RiskFlagFactory(client=bobs, flag_type=RiskFlagType.objects.get(name="Self-harm"))
    login(alice)
    url = reverse("clients:list")
    assert list(client.get(url, {"caseworker": alice.pk}).context["page"]) == [mine]
    assert list(client.get(url, {"status": "referred"}).context["page"]) == [bobs]
    self_harm = RiskFlagType.objects.get(name="Self-harm").pk
    assert list(client.get(url, {"risk": self_harm}).context["page"]) == [bobs]
    assert list(client.get(url, {"q": mine.last_name[:4]}).context["page"]) == [mine]


def test_it_rejects_a_bad_filter_value_without_an_error(client, login, alice, southwark_client):
    login(alice)
    response = client.get(reverse("clients:list"), {"status": "nonsense", "page": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 10])
def test_it_shows_a_client_in_a_fixed_number_of_queries(
    client, login, alice, southwark_client, django_assert_num_queries, extra
):
    for _ in range(extra):
        OffenceFactory(client=southwark_client)
        ConsentFactory(client=southwark_client)
        RiskFlagFactory(client=southwark_client)
    login(alice)
    # session, user, verified 2FA device, client (scoped, with borough), current case, active flags;
    # cases, offences, consents, current consent, all flags, history; the access record
    # (audit.reads); session renewal (3)
    with django_assert_num_queries(16):
        response = client.get(reverse("clients:detail", args=[southwark_client.pk]))
    assert response.status_code == 200


def test_it_shows_who_changed_what_in_the_history(client, login, alice, southwark_client):
    login(alice)
    data = {
        "first_name": southwark_client.first_name,
        "last_name": southwark_client.last_name,
        "date_of_birth": southwark_client.date_of_birth.isoformat(),
        "gender": southwark_client.gender,
        "ethnicity": southwark_client.ethnicity,
        "borough": southwark_client.borough_id,
        "phone": "07700 900111",
        "version": southwark_client.version,
    }
    client.post(reverse("clients:edit", args=[southwark_client.pk]), data)
    history = client.get(reverse("clients:detail", args=[southwark_client.pk])).context["history"]
    # The whole test is one transaction, so events share a timestamp: pick Alice's by author.
    [alices] = [change for change in history if change.who == str(alice)]
    assert (alices.record, alices.action, alices.fields) == (
        "Personal details",
        "changed",
        ["phone"],
    )
    assert "07700 900111" not in str(history)  # names of fields, never their values


def test_it_shows_the_allocated_caseworker_in_the_header(client, login, alice, southwark):
    other = UserFactory(first_name="Quinn", boroughs=[southwark])
    case = CaseFactory(client__borough=southwark, caseworker=other)
    login(alice)
    html = client.get(reverse("clients:detail", args=[case.client_id])).content.decode()
    assert "Caseworker: Quinn" in html
