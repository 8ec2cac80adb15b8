"""Each young person's current case (CurrentCase), written only by a database trigger, checked
after every kind of write against a recomputation from the cases themselves: the latest by
referral date, the latest entered on a tie, and no row for someone with no case."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from clients.models import Case, Client, CurrentCase
from tests.factories import CaseFactory, ClientFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def recomputed() -> dict[int, int]:
    """Client id -> id of their latest case, worked out here in Python from every case."""
    latest = {}
    for case in Case.objects.all():
        best = latest.get(case.client_id)
        if best is None or (case.referral_date, case.pk) > (best.referral_date, best.pk):
            latest[case.client_id] = case
    return {client_id: case.pk for client_id, case in latest.items()}


def stored() -> dict[int, int]:
    return dict(CurrentCase.objects.values_list("client_id", "case_id"))


def assert_right(expected: dict[int, int] | None = None) -> None:
    assert stored() == recomputed()
    if expected is not None:
        assert stored() == expected


def test_it_follows_new_cases():
    first = CaseFactory(referral_date=date(2025, 1, 10))
    person = first.client
    assert_right({person.pk: first.pk})
    CaseFactory(client=person, referral_date=date(2024, 6, 1))  # older: still the first
    assert_right({person.pk: first.pk})
    newer = CaseFactory(client=person, referral_date=date(2025, 5, 1))
    assert_right({person.pk: newer.pk})
    same_day = CaseFactory(client=person, referral_date=date(2025, 5, 1))  # entered later
    assert_right({person.pk: same_day.pk})


def test_it_follows_a_changed_referral_date():
    old = CaseFactory(referral_date=date(2024, 1, 1), index_date=None)
    new = CaseFactory(client=old.client, referral_date=date(2025, 1, 1), index_date=None)
    assert_right({old.client_id: new.pk})
    old.referral_date = date(2025, 2, 1)
    old.save()
    assert_right({old.client_id: old.pk})
    Case.objects.filter(pk=old.pk).update(referral_date=date(2023, 1, 1))
    assert_right({old.client_id: new.pk})


def test_it_follows_a_case_moved_to_another_person():
    case = CaseFactory(referral_date=date(2025, 3, 1))
    earlier = CaseFactory(client=case.client, referral_date=date(2024, 3, 1))
    other = CaseFactory(referral_date=date(2024, 1, 1))
    case.client = other.client
    case.save()
    assert_right({earlier.client_id: earlier.pk, other.client_id: case.pk})
    Case.objects.filter(pk=earlier.pk).update(client=other.client)  # their only case
    assert_right({other.client_id: case.pk})


def test_it_follows_deleted_cases():
    older = CaseFactory(referral_date=date(2024, 1, 1))
    newer = CaseFactory(client=older.client, referral_date=date(2025, 1, 1))
    untouched = CaseFactory()
    newer.delete()
    assert_right({older.client_id: older.pk, untouched.client_id: untouched.pk})
    Case.objects.filter(pk=older.pk).delete()
    assert_right({untouched.client_id: untouched.pk})


def test_it_follows_bulk_writes_and_raw_sql():
    people = [ClientFactory() for _ in range(4)]
    first = people[0].borough_id
    template = CaseFactory.build(client=people[0])
    Case.objects.bulk_create(
        [
            Case(
                client=person,
                borough_id=first,
                referral_source=template.referral_source,
                referral_date=date(2025, 1, 1) + timedelta(days=n),
            )
            for n, person in enumerate(people * 3)
        ]
    )
    assert_right()
    Case.objects.filter(client=people[1]).update(referral_date=date(2020, 1, 1))  # all tied
    assert_right()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clients_case SET client_id = %s WHERE client_id = %s",
            [people[3].pk, people[2].pk],
        )
    assert_right()
    assert people[2].pk not in stored()


def test_the_list_columns_follow_the_rules_of_the_current_case():
    """What with_current_case shows for each person, against the case's own Python rules."""
    today = timezone.localdate()
    worker = UserFactory(first_name="Dee", last_name="Vine")
    unallocated = CaseFactory(caseworker=None, referral_date=today - timedelta(days=20))
    closed = CaseFactory(
        caseworker=worker,
        referral_date=today - timedelta(days=300),
        closure_date=today - timedelta(days=10),
    )
    SessionFactory(case=closed, date=today - timedelta(days=200))
    SessionFactory(case=closed, date=today - timedelta(days=100))
    SessionFactory(case=closed, date=today - timedelta(days=50), attendance="dna",
                   duration_minutes=None)  # fmt: skip
    # An older case with a later session: the current case's own sessions count, not theirs.
    previous = CaseFactory(client=unallocated.client, referral_date=today - timedelta(days=400))
    SessionFactory(case=previous, date=today - timedelta(days=5))
    nobody = ClientFactory()
    rows = {c.pk: c for c in Client.objects.with_current_case(on=today)}
    for case in (unallocated, closed):
        row = rows[case.client_id]
        attended = case.sessions.filter(attendance="attended").values_list("date", flat=True)
        assert row.current_case_id == case.pk
        assert row.current_status == case.status_on(today)
        assert row.current_last_contact == max(attended, default=None)
        assert row.current_caseworker_name == (str(case.caseworker) if case.caseworker else None)
    assert rows[closed.client_id].current_last_contact == today - timedelta(days=100)
    assert rows[nobody.pk].current_case_id is None
    assert rows[nobody.pk].current_caseworker_name is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_of_one_persons_cases_take_turns():
    """A newer case not yet committed and an older one added meanwhile on another connection:
    the second waits for the first (the trigger locks the person's row), then sees its case, so
    the newer one stays current. Without the turn it would read its own snapshot and point at
    the older case."""
    first = CaseFactory(referral_date=date(2024, 1, 1))
    person = first.client
    newer_written, commit_newer = threading.Event(), threading.Event()

    def add(referral_date, *, hold: bool = False):
        try:
            with transaction.atomic():
                CaseFactory(client=person, referral_date=referral_date)
                if hold:
                    newer_written.set()
                    assert commit_newer.wait(10)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        newer = pool.submit(add, date(2025, 1, 1), hold=True)
        assert newer_written.wait(10)
        older = pool.submit(add, date(2024, 6, 1))
        time.sleep(0.5)
        assert not older.done()  # waiting for the person's row
        commit_newer.set()
        newer.result(10), older.result(10)
    assert_right()
    assert stored()[person.pk] == person.cases.get(referral_date=date(2025, 1, 1)).pk
