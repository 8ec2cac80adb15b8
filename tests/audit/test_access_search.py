"""The access log search: keyset pages newest first, filters kept across pages, UK days."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from audit.models import AccessRecord
from audit.reads import AUDITED_ROUTES, audited_route
from audit.wording import ROUTE_WORDS
from tests.factories import ClientFactory
from tests.keyset_pages import every_page
from tests.security.routes import walk

URL = reverse("audit:access_search")


def add_records(user, count, *, start=datetime(2026, 3, 2, 9, 0, tzinfo=UTC)):
    """`count` records a minute apart, two at a time sharing a timestamp (ties on `at`)."""
    client = ClientFactory()
    for index in range(count):
        with time_machine.travel(start + timedelta(minutes=index // 2), tick=False):
            AccessRecord.objects.create(user=user, route="clients:detail", client=client)


def test_it_pages_newest_first_through_every_record_once_keeping_the_filter(
    client, login, admin_user, alice, bob
):
    add_records(alice, 120)
    add_records(bob, 7)
    login(admin_user)
    records, page, _params = every_page(client, URL, {"user": alice.pk}, kept=[f"user={alice.pk}"])
    forward = [record.pk for record in records]
    newest_first = AccessRecord.objects.filter(user=alice).order_by("-at", "-pk")
    assert forward == list(newest_first.values_list("pk", flat=True))
    back = client.get(URL, {"user": alice.pk, "before": page.previous_key}).context["page"]
    assert [record.pk for record in back] == forward[50:100]


def test_it_searches_by_day_in_uk_time(client, login, admin_user, alice):
    # 30 June 2026 23:30 in London is 22:30 UTC; 00:30 on 1 July is 23:30 UTC on 30 June.
    late_june = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)
    early_july = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    end_of_july = datetime(2026, 7, 31, 22, 59, tzinfo=UTC)
    august = datetime(2026, 7, 31, 23, 0, tzinfo=UTC)
    for moment in (late_june, early_july, end_of_july, august):
        add_records(alice, 1, start=moment)
    login(admin_user)
    page = client.get(URL, {"since": "01/07/2026", "until": "31/07/2026"}).context["page"]
    assert [record.at for record in page] == [end_of_july, early_july]


@pytest.mark.parametrize("count", [3, 120])
def test_it_searches_in_a_fixed_number_of_queries(
    client, login, admin_user, alice, django_assert_num_queries, count
):
    add_records(alice, count)
    login(admin_user)
    # session, user, verified 2FA device; the staff choices of the form; count (capped at
    # 1,001 rows), page of records (a keyset page, no OFFSET, with their staff and young
    # person joined in, for the words)
    with django_assert_num_queries(6):
        response = client.get(URL, {"since": "01/03/2026"})
    assert len(response.context["page"]) == min(count, 50)


def test_it_says_in_words_what_each_person_did(
    client, login, admin_user, alice, southwark_client, settings
):
    login(alice)
    client.get(reverse("clients:detail", args=[southwark_client.pk]))
    client.get(reverse("casework:timeline", args=[southwark_client.pk]))
    client.get(reverse("clients:list"))
    AccessRecord.objects.create(
        user=admin_user,
        route="gdpr:subject_access",
        object_type="clients.Client",
        object_id=southwark_client.pk,
        client=southwark_client,
    )
    login(admin_user)
    response = client.get(URL)
    described = [words for _, words in response.context["rows"]]
    name = f"{southwark_client.display_name} (client {southwark_client.pk})"
    assert described == [
        f"downloaded the subject access file of {name}",
        "opened the list of young people",
        f"opened the timeline of {name}",
        f"opened the record of {name}",
    ]
    page = response.content.decode()
    assert f"Opened the record of {name}" in page
    for route in ("clients:detail", "casework:timeline", "gdpr:subject_access"):
        assert route not in page


def test_it_has_words_for_every_audited_route():
    # Audited by name, by the shape of its URL or as unclassified (audit/reads.py): every
    # route the log can hold has words (the Django admin's are exempt from the audit).
    audited = {
        name
        for name, pattern, params, entry in walk()
        if name and audited_route(name, pattern, dict.fromkeys(params - set(entry.default_args), 1))
    }
    assert set(AUDITED_ROUTES) <= audited
    assert audited <= set(ROUTE_WORDS)
    assert all(
        "{" not in words.replace("{client}", "").replace("{id}", "")
        for words in ROUTE_WORDS.values()
    )
