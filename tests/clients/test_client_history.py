"""The change history on its own page (issue 23.4): every change to the young person and the
records about them, newest first, a page at a time, and nobody else's."""

import pytest
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from clients.history import client_history
from tests.factories import ClientFactory, ConsentFactory, OffenceFactory, RiskFlagFactory


def edit_phone(client, person, phone):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth.isoformat(),
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "borough": person.borough_id,
        "phone": phone,
        "version": person.version,
    }
    response = client.post(reverse("clients:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()


def test_it_shows_who_changed_what(client, login, alice, southwark_client):
    login(alice)
    edit_phone(client, southwark_client, "07700 900111")
    response = client.get(reverse("clients:history", args=[southwark_client.pk]))
    assert response.status_code == 200
    history = list(response.context["history"])
    # The whole test is one transaction, so events share a timestamp: pick Alice's by author.
    [alices] = [change for change in history if change.who == str(alice)]
    assert (alices.record, alices.action, alices.fields) == (
        "Personal details",
        "changed",
        ["phone"],
    )
    html = response.content.decode()
    assert "Personal details changed: phone" in html
    assert "07700 900111" not in html  # names of fields, never their values
    assert "Jay" in html  # the same header as every page about the young person


def test_it_shows_each_change_newest_first_and_nobody_elses(login, alice, southwark_client):
    edit_phone(login(alice), southwark_client, "07700 900222")
    OffenceFactory(client=southwark_client)
    ConsentFactory(client=southwark_client)
    RiskFlagFactory(client=southwark_client)
    someone_else = ClientFactory(borough=southwark_client.borough)
    RiskFlagFactory(client=someone_else)
    shown = list(client_history(southwark_client))
    # Independent recomputation from pghistory's own event tables: one row per event about
    # this young person, except updates of bookkeeping columns only.
    events = MiddlewareEvents.objects.references(southwark_client).order_by(
        "-pgh_created_at", "-pgh_id", "-pgh_slug"
    )
    expected = [
        (event.pgh_model.split(".")[-1].removesuffix("Event"), event.pgh_label)
        for event in events
        if event.pgh_label != "update" or set(event.pgh_diff or {}) - {"version", "updated_at"}
    ]
    names = {"Client": "Personal details", "Case": "Support episode", "RiskFlag": "Risk flag"}
    actions = {"insert": "added", "update": "changed", "delete": "deleted"}
    assert [(change.record, change.action) for change in shown] == [
        (names.get(record, record), actions[label]) for record, label in expected
    ]
    records = {change.record for change in shown}
    assert {"Personal details", "Support episode", "Offence", "Consent", "Risk flag"} <= records
    assert sum(change.record == "Risk flag" for change in shown) == 1  # not someone else's


def test_its_pages_hold_every_change_once_in_order(southwark_client):
    for _ in range(4):
        OffenceFactory(client=southwark_client)
        RiskFlagFactory(client=southwark_client)
    whole = list(client_history(southwark_client))
    assert len(whole) >= 9
    walked, page = [], client_history(southwark_client, size=2)
    while True:
        walked += page.rows
        if not page.next_key:
            break
        page = client_history(southwark_client, size=2, after=page.next_key)
    assert walked == whole
    # Previous from the second page returns the first.
    second = client_history(
        southwark_client, size=2, after=client_history(southwark_client, size=2).next_key
    )
    back = client_history(southwark_client, size=2, before=second.previous_key)
    assert back.rows == whole[:2]


def test_the_client_page_links_to_it(client, login, alice, southwark_client):
    login(alice)
    html = client.get(reverse("clients:detail", args=[southwark_client.pk])).content.decode()
    url = reverse("clients:history", args=[southwark_client.pk])
    assert f'<a href="{url}">Change history</a>' in html
    assert "history-heading" not in html  # no longer rendered inline


def test_another_boroughs_history_is_not_found(client, login, charlie, southwark_client):
    login(charlie)
    response = client.get(reverse("clients:history", args=[southwark_client.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("extra", [0, 10])
def test_it_shows_the_history_in_a_fixed_number_of_queries(
    client, login, alice, southwark_client, django_assert_num_queries, extra
):
    for _ in range(extra):
        OffenceFactory(client=southwark_client)
        RiskFlagFactory(client=southwark_client)
    login(alice)
    # session, user, verified 2FA device, client (scoped, with borough); the header's current
    # case and active flags; the page of events (with their authors) and their count (the
    # keyset page's); the access record (audit.reads)
    with django_assert_num_queries(9):
        response = client.get(reverse("clients:history", args=[southwark_client.pk]))
    assert response.status_code == 200
    assert len(response.context["history"]) >= 1 + 2 * extra


@pytest.mark.parametrize(
    "key",
    ["not json", '["x", "y", "z"]', "[null, null, null]", '["2025-01-01", "1"]', "{}", "[1e999]"],
)
def test_a_mangled_page_key_shows_a_page_not_an_error(client, login, alice, southwark_client, key):
    login(alice)
    url = reverse("clients:history", args=[southwark_client.pk])
    for direction in ("after", "before"):
        response = client.get(url, {direction: key})
        assert response.status_code == 200
