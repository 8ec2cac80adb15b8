"""The list and client pages: what they show and a query count that does not grow with data."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Client, RiskFlagType
from tests.factories import (
    CaseFactory,
    ClientFactory,
    ConsentFactory,
    JusticeEventFactory,
    OffenceFactory,
    RiskFlagFactory,
    UserFactory,
)
from tests.keyset_pages import every_page


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
    # caseworker choices), risk flag types, count (capped at 1,001 rows), page of clients (a
    # keyset page, no OFFSET), their active flags; the access record (audit.reads)
    with django_assert_num_queries(10):
        response = client.get(reverse("clients:list"))
    assert len(response.context["page"]) == 3
    add_clients(southwark, alice, 30)
    with django_assert_num_queries(10):
        response = client.get(reverse("clients:list"))
    assert len(response.context["page"]) == 25


@pytest.mark.parametrize("sort", ["name", "-referral", "referral", "age"])
def test_it_pages_forward_and_back_through_every_client_once(client, login, alice, southwark, sort):
    add_clients(southwark, alice, 30)
    # Ties on every sort but the last key, and a client with no case (no referral date).
    for _ in range(3):
        CaseFactory(client__borough=southwark, client__last_name="Same", caseworker=alice)
    no_case = CaseFactory(client__borough=southwark, caseworker=alice).client
    no_case.cases.all().delete()
    login(alice)
    url = reverse("clients:list")
    forward, pages, params = [], [], {"sort": sort}
    while True:
        page = client.get(url, params).context["page"]
        pages.append([c.pk for c in page])
        forward += pages[-1]
        if not page.next_key:
            break
        params = {"sort": sort, "after": page.next_key}
    every = set(Client.objects.visible_to(alice).values_list("pk", flat=True))
    assert len(forward) == len(set(forward)) == len(every) > 25
    assert set(forward) == every
    assert len(pages) == 2
    assert forward[:25] == [c.pk for c in client.get(url, {"sort": sort}).context["page"]]
    back = client.get(url, {"sort": sort, "before": page.previous_key}).context["page"]
    assert [c.pk for c in back] == pages[0]
    assert not back.previous_key


def test_it_keeps_the_filters_in_the_next_link(client, login, alice, southwark):
    add_clients(southwark, alice, 30)
    login(alice)
    response = client.get(reverse("clients:list"), {"status": "active", "sort": "age"})
    page = response.context["page"]
    html = response.content.decode()
    if page.next_key:
        assert "status=active" in html and "sort=age" in html and "after=" in html
    assert "page.paginator" not in html


def test_it_caps_the_count_it_shows(client, login, alice, southwark, monkeypatch):
    monkeypatch.setattr("sos.keyset.COUNT_CAP", 5)
    add_clients(southwark, alice, 7)
    login(alice)
    page = client.get(reverse("clients:list")).context["page"]
    assert page.more and page.count == 5 and len(page) == 7


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


def test_its_filters_offer_and_accept_only_what_the_user_may_see(
    client, login, alice, bob, charlie, southwark, croydon
):
    mine = CaseFactory(client__borough=southwark, caseworker=alice).client
    login(alice)
    url = reverse("clients:list")
    response = client.get(url)
    html = response.content.decode()
    form = response.context["filters"].form
    offered = {
        name: {str(value) for value, _label in form.fields[name].choices if value != ""}
        for name in ("borough", "caseworker")
    }
    assert offered == {
        "borough": {str(southwark.pk)},
        "caseworker": {str(alice.pk), str(bob.pk)},
    }
    assert str(charlie) not in html and croydon.name not in html
    # Another borough's caseworker or borough, typed into the URL: refused beside the field.
    for name, value in [("caseworker", charlie.pk), ("borough", croydon.pk)]:
        response = client.get(url, {name: value})
        assert response.status_code == 200
        html = response.content.decode()
        assert re.search(rf'id="id_{name}_error"[^>]*>\s*<strong>Select a valid choice', html)
        assert re.search(rf'<select class="form-select is-invalid" name="{name}"', html)
    # A valid choice stays chosen on the page that shows its result.
    response = client.get(url, {"caseworker": alice.pk})
    assert list(response.context["page"]) == [mine]
    assert f'<option value="{alice.pk}" selected>{alice}</option>' in response.content.decode()


# Without offences the page does not ask for their justice events (each is of an offence).
@pytest.mark.parametrize(("extra", "queries"), [(0, 9), (1, 10), (10, 10)])
def test_it_shows_a_client_in_a_fixed_number_of_queries(
    client, login, alice, southwark_client, django_assert_num_queries, extra, queries
):
    for _ in range(extra):
        JusticeEventFactory(offence=OffenceFactory(client=southwark_client))
        ConsentFactory(client=southwark_client)
        RiskFlagFactory(client=southwark_client)
    login(alice)
    # session, user, verified 2FA device, client (scoped, with borough); cases, flags (each
    # marked active) and consents (each marked current), read once for the header and the
    # body alike (issue 23.4: 3 fewer); offences, their justice events (arrests, charges,
    # ...) when there are offences; the access record (audit.reads). The change history is on
    # its own page now (clients:history, issue 23.4: one fewer).
    with django_assert_num_queries(queries):
        response = client.get(reverse("clients:detail", args=[southwark_client.pk]))
    assert response.status_code == 200


def test_it_shows_each_justice_event_of_the_clients_offences_and_no_one_elses(
    client, login, alice, southwark, southwark_client
):
    login(alice)
    url = reverse("clients:detail", args=[southwark_client.pk])
    someone_elses = JusticeEventFactory(offence__client=ClientFactory(borough=southwark))
    response = client.get(url)
    assert (response.context["offences"], response.context["justice_events"]) == ([], [])
    assert "None recorded." in response.content.decode()
    first, second = (OffenceFactory(client=southwark_client) for _ in range(2))
    events = [
        JusticeEventFactory(offence=second, kind="charge", date=date(2025, 3, 2)),
        JusticeEventFactory(offence=first, kind="arrest", date=date(2025, 3, 1)),
        JusticeEventFactory(offence=second, kind="arrest", date=date(2025, 3, 1)),
    ]
    shown = client.get(url).context["justice_events"]
    # Independent recomputation: this client's offences' events, by date then the order kept.
    expected = sorted(events, key=lambda event: (event.date, event.pk))
    assert shown == expected
    assert someone_elses not in shown


def test_it_shows_the_allocated_caseworker_in_the_header(client, login, alice, southwark):
    other = UserFactory(first_name="Quinn", boroughs=[southwark])
    case = CaseFactory(client__borough=southwark, caseworker=other)
    login(alice)
    html = client.get(reverse("clients:detail", args=[case.client_id])).content.decode()
    assert "Caseworker: Quinn" in html


def test_it_labels_every_filter_and_opens_them_only_when_in_use(client, login, alice):
    login(alice)
    html = client.get(reverse("clients:list")).content.decode()
    assert "[invalid name]" not in html
    for label in ["Status", "Caseworker", "Borough", "Risk flag", "Last contact"]:
        assert re.search(rf"<label\s+for=\"id_\w+\"[^>]*>\s*{label}\s*</label>", html), label
    assert '<details class="filters">' in html
    narrowed = client.get(reverse("clients:list"), {"status": "active"}).content.decode()
    assert '<details class="filters" open>' in narrowed


def test_its_rows_are_the_users_borough_in_name_order_with_their_latest_case(
    client, login, alice, bob, southwark, croydon
):
    """Every page of the list against a recomputation: only Southwark (Croydon's people sort
    first and are never shown), by name, each row's columns from the person's latest case and
    its link to their page."""
    for n in range(28):
        old = CaseFactory(client__borough=southwark, client__last_name=f"Name{n % 9}",
                          caseworker=bob, referral_date=date(2024, 1, 1))  # fmt: skip
        CaseFactory(client=old.client, caseworker=alice if n % 2 else None, index_date=None,
                    referral_date=date(2025, 1, 1) + timedelta(days=n))  # fmt: skip
    for _ in range(3):
        CaseFactory(client__borough=croydon, client__last_name="Aardvark")
    login(alice)
    rows, _page, _params = every_page(client, reverse("clients:list"), {}, kept=[])
    expected = sorted(
        Client.objects.filter(borough=southwark), key=lambda c: (c.last_name, c.first_name, c.pk)
    )
    assert [row.pk for row in rows] == [person.pk for person in expected]
    today = date.today()
    for row in rows:
        latest = max(row.cases.all(), key=lambda case: (case.referral_date, case.pk))
        assert row.current_case_id == latest.pk
        assert row.current_status == latest.status_on(today)
        worker = latest.caseworker
        assert row.current_caseworker_name == (str(worker) if worker else None)
    html = client.get(reverse("clients:list")).content.decode()
    links = re.findall(r'<td><a href="([^"]+)">', html)
    first_page = [row.pk for row in rows[:25]]
    assert links == [reverse("clients:detail", args=[pk]) for pk in first_page]
    # Each filter offers each choice once, "Any" (the empty one) chosen; the sort shows its
    # first choice, by name, as a browser does when none is marked.
    selects = dict(re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', html, re.S))
    assert set(selects) == {"borough", "status", "caseworker", "risk", "contact", "sort"}
    for name, options in selects.items():
        values = re.findall(r'<option value="([^"]*)"', options)
        assert len(values) == len(set(values)), name
        chosen = re.findall(r'<option value="([^"]*)" selected>', options)
        assert chosen == ([] if name == "sort" else [""]), name


def test_it_reads_only_the_columns_a_row_shows(client, login, alice, southwark):
    """The list never reads a young person's address, contact details, special category
    notes or the notes of their risk flags, only what its rows show."""
    add_clients(southwark, alice, 2)
    login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("clients:list"))
    assert len(response.context["page"]) == 2
    read = " ".join(q["sql"] for q in queries if '"clients_client"' in q["sql"])
    for column in ["special_category_notes", "address", "phone", "email", "postcode"]:
        assert f'"clients_client"."{column}"' not in read
    flags = " ".join(q["sql"] for q in queries if 'FROM "clients_riskflag"' in q["sql"])
    assert '"clients_riskflag"."level"' in flags
    assert '"clients_riskflag"."notes"' not in flags
