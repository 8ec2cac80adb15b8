"""Arrests, charges, convictions or out-of-court disposals, remands and custodial sentences,
each recorded against one of the client's offences on its own date (DOMAIN.md figure 9)."""

import importlib
from datetime import date, timedelta

from django.db import connection
from django.urls import reverse

from clients.models import JusticeEvent
from tests.factories import ClientFactory, OffenceFactory

from_offences = importlib.import_module("clients.migrations.0007_justice_events_from_offences")


def url(person):
    return reverse("clients:justice_event_add", args=[person.pk])


def test_it_records_an_event_of_the_clients_offence_with_its_author(
    client, login, alice, southwark_client
):
    offence = OffenceFactory(client=southwark_client, offence_date=date(2025, 6, 1))
    login(alice)
    data = {"offence": offence.pk, "kind": "remand", "date": "2025-06-03"}
    assert client.post(url(southwark_client), data).status_code == 302
    event = JusticeEvent.objects.get()
    assert (event.offence, event.kind, event.date) == (offence, "remand", date(2025, 6, 3))
    assert event.recorded_by == alice
    page = client.get(reverse("clients:detail", args=[southwark_client.pk])).content.decode()
    assert "Remanded in custody" in page


def test_it_offers_only_this_clients_offences(client, login, alice, southwark_client, southwark):
    someone_else = OffenceFactory(client=ClientFactory(borough=southwark))
    OffenceFactory(client=southwark_client)
    login(alice)
    data = {"offence": someone_else.pk, "kind": "arrest", "date": "2025-06-03"}
    response = client.post(url(southwark_client), data)
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(response.context["form"].errors["offence"])
    assert not JusticeEvent.objects.exists()


def test_it_explains_a_date_before_the_offence_or_in_the_future(
    client, login, alice, southwark_client
):
    offence = OffenceFactory(client=southwark_client, offence_date=date(2025, 6, 1))
    login(alice)
    for day, message in [
        ("2025-05-31", "It cannot happen before the offence was committed."),
        ((date.today() + timedelta(days=1)).isoformat(), "The date cannot be in the future."),
        ("31/02/2025", "31/02/2025 is not a real date."),
    ]:
        data = {"offence": offence.pk, "kind": "charge", "date": day}
        response = client.post(url(southwark_client), data)
        assert response.status_code == 200
        assert response.context["form"].errors["date"] == [message]
    assert not JusticeEvent.objects.exists()


def test_it_404s_for_other_borough(client, login, charlie, southwark_client):
    offence = OffenceFactory(client=southwark_client)
    login(charlie)
    assert client.get(url(southwark_client)).status_code == 404
    data = {"offence": offence.pk, "kind": "arrest", "date": "2025-06-03"}
    assert client.post(url(southwark_client), data).status_code == 404
    assert not JusticeEvent.objects.exists()


def test_the_migration_dates_events_from_the_offences_own_fields(southwark_client):
    def offence(outcome, decided=None, sentence=""):
        return OffenceFactory(
            client=southwark_client,
            offence_date=date(2025, 1, 10),
            outcome=outcome,
            outcome_date=decided,
            sentence=sentence,
        )

    jailed = offence("conviction", date(2025, 4, 2), "12 months in a YOI")
    order = offence("conviction", date(2025, 4, 3), "Referral order")
    cautioned = offence("caution", date(2025, 2, 1))
    pending = offence("pending")
    dropped = offence("nfa", date(2025, 3, 1))
    with connection.cursor() as cursor:
        cursor.execute(from_offences.FROM_OFFENCES)
    made = sorted(JusticeEvent.objects.values_list("offence", "kind", "date"))
    assert made == sorted(
        [
            (jailed.pk, "conviction", date(2025, 4, 2)),
            (jailed.pk, "custodial_sentence", date(2025, 4, 2)),
            (order.pk, "conviction", date(2025, 4, 3)),
            (cautioned.pk, "out_of_court", date(2025, 2, 1)),
            (pending.pk, "arrest", date(2025, 1, 10)),
            (dropped.pk, "arrest", date(2025, 1, 10)),
        ]
    )
