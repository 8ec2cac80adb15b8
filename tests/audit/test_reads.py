"""Audit of reads: one access record per client page, export or download shown; no values."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessRecord
from audit.reads import audited_route
from audit.selectors import unusual_access
from tests.factories import CaseFactory, ClientFactory
from tests.security.matrix import MATRIX, RECORD
from tests.security.routes import walk

# Scoped pages that show no named young person, so opening them is not logged.
# Scoped pages that show no young person: a workshop, and one of your own passkeys.
NOT_ABOUT_A_CLIENT = {"casework:group_session_detail", "passkey_rename"}


def test_it_audits_every_page_that_shows_one_record_about_a_client():
    record_pages = {
        name
        for name, row in MATRIX.items()
        if row.scoped and 200 in (row.caseworker, row.manager, row.admin)
    }
    patterns = {name: pattern for name, pattern, _params, _entry in walk()}

    def audited(name):
        return audited_route(name, patterns[name], {"pk": 1}) is not None

    assert {name for name in record_pages - NOT_ABOUT_A_CLIENT if not audited(name)} == set()
    assert all(audited(name) for name, row in MATRIX.items() if row == RECORD)


@pytest.mark.parametrize(
    "route",
    [
        "clients:detail",
        "clients:history",
        "casework:timeline",
        "clients:edit",
        "casework:session_detail",
    ],
)
def test_it_writes_one_row_per_view_without_personal_values(
    login, alice, records_by_borough, route
):
    records = records_by_borough["Southwark"]
    obj = records["session"] if route.startswith("casework:session") else records["client"]
    client = records["client"]
    login(alice).get(reverse(route, args=[obj.pk]))
    (row,) = AccessRecord.objects.all()
    assert (row.user, row.route, row.object_id, row.client_id) == (alice, route, obj.pk, client.pk)
    values = " ".join(str(value) for value in AccessRecord.objects.values().get().values())
    for personal in (client.first_name, client.last_name, client.special_category_notes):
        assert personal not in values


def test_it_writes_nothing_for_another_boroughs_record(login, charlie, records_by_borough):
    client = records_by_borough["Southwark"]["client"]
    assert login(charlie).get(reverse("clients:detail", args=[client.pk])).status_code == 404
    assert not AccessRecord.objects.exists()


def test_it_audits_downloads_and_exports(login, manager, admin_user, southwark_client):
    login(manager).get(reverse("imports:template", args=["clients", "csv"]))
    login(admin_user).get(reverse("gdpr:subject_access", args=[southwark_client.pk]))
    routes = sorted(AccessRecord.objects.values_list("route", "user"))
    assert routes == [("gdpr:subject_access", admin_user.pk), ("imports:template", manager.pk)]


def test_it_lets_admins_search_by_user_client_and_date(login, admin_user, alice, bob):
    jay, kim = ClientFactory(), ClientFactory()
    AccessRecord.objects.create(user=alice, route="clients:detail", client=jay)
    AccessRecord.objects.create(user=bob, route="clients:detail", client=kim)
    today = timezone.localdate().strftime("%d/%m/%Y")
    page = login(admin_user).get(
        reverse("audit:access_search"),
        {"user": alice.pk, "client": jay.pk, "since": today, "until": today},
    )
    assert [record.user for record in page.context["page"]] == [alice]


def test_it_lists_staff_opening_many_clients_outside_their_caseload(alice, bob, settings):
    own = CaseFactory(caseworker=alice).client
    for client in [ClientFactory() for _ in range(3)] + [own]:
        AccessRecord.objects.create(user=alice, route="clients:detail", client=client)
    AccessRecord.objects.create(user=bob, route="clients:detail", client=own)
    since = timezone.localdate() - timedelta(days=1)
    (day,) = unusual_access(threshold=2, since=since)
    assert (day.user_id, day.clients) == (alice.pk, 3)
    assert unusual_access(threshold=3, since=since) == []
