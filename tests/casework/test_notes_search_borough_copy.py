"""The borough copied onto sessions and outcomes (casework.models.borough_copy) for the notes
search: after every kind of write it equals the borough of the row's young person, worked out
again here by joining case and client, and the search built on it shows what visible_to
allows, newest first, and nothing else."""

from datetime import date, timedelta

import pgtrigger
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import Outcome, Session
from casework.notes_search import MATCHES_SHOWN, search_notes
from clients.models import Case, Client
from tests.factories import BoroughFactory, CaseFactory, OutcomeFactory, SessionFactory, UserFactory

COPYING = (Session, Outcome)


def wrong_copies() -> list[tuple[str, int, int | None, int]]:
    """Every session and outcome whose stored borough is not its young person's, recomputed
    with SQL of its own (case -> client -> borough)."""
    wrong = []
    with connection.cursor() as cursor:
        for model in COPYING:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT row.id, row.borough_id, client.borough_id FROM {table} AS row "  # noqa: S608
                "JOIN clients_case AS support ON support.id = row.case_id "
                "JOIN clients_client AS client ON client.id = support.client_id "
                "WHERE row.borough_id IS DISTINCT FROM client.borough_id"
            )
            wrong += [(table, *found) for found in cursor.fetchall()]
    return wrong


def updates_recorded(model):
    return model.pgh_event_models["update"].objects.filter(pgh_label="update")


def one_of_each(case) -> list:
    return [SessionFactory(case=case, notes="arrest"), OutcomeFactory(case=case, evidence="arrest")]


def test_a_new_row_takes_its_young_persons_borough(southwark_client, croydon_client):
    for client in (southwark_client, croydon_client):
        one_of_each(client.cases.get())
    assert Session.objects.count() == Outcome.objects.count() == 2
    assert wrong_copies() == []


def test_a_row_given_a_wrong_borough_is_put_right(southwark_client, croydon):
    session, outcome = one_of_each(southwark_client.cases.get())
    # A stale instance saved, a queryset update and raw SQL, each naming another borough.
    session.borough = croydon
    session.save()
    Outcome.objects.filter(pk=outcome.pk).update(borough=croydon)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_session SET borough_id = %s", [croydon.pk])
    assert wrong_copies() == []


def test_a_row_moved_to_another_case_takes_that_young_persons_borough(
    southwark_client, croydon_client
):
    session, outcome = one_of_each(southwark_client.cases.get())
    elsewhere = croydon_client.cases.get()
    session.case = elsewhere
    session.save()
    Outcome.objects.filter(pk=outcome.pk).update(case=elsewhere)
    assert Session.objects.get().borough_id == croydon_client.borough_id
    assert wrong_copies() == []


def test_a_case_moved_to_another_young_person_moves_its_rows(southwark_client, croydon_client):
    case = southwark_client.cases.get()
    one_of_each(case)
    one_of_each(croydon_client.cases.get())
    Case.objects.filter(pk=case.pk).update(client=croydon_client)
    assert set(Session.objects.values_list("borough", flat=True)) == {croydon_client.borough_id}
    assert wrong_copies() == []


def test_a_young_person_moved_to_another_borough_moves_every_row_of_theirs(
    southwark_client, croydon, southwark
):
    CaseFactory(client=southwark_client)  # a second case: its rows move too
    for case in southwark_client.cases.all():
        one_of_each(case)
    stays = CaseFactory(client__borough=southwark)
    one_of_each(stays)
    before = updates_recorded(Session).count(), updates_recorded(Outcome).count()
    southwark_client.borough = croydon
    southwark_client.save()
    assert wrong_copies() == []
    moved = Session.objects.filter(case__client=southwark_client)
    assert moved.count() == 2 and {s.borough_id for s in moved} == {croydon.pk}
    assert Session.objects.get(case=stays).borough_id == southwark.pk
    # The copy following the young person is no change anyone made to a session or outcome.
    assert (updates_recorded(Session).count(), updates_recorded(Outcome).count()) == before
    Client.objects.filter(pk=southwark_client.pk).update(borough=southwark)
    assert wrong_copies() == []


def test_a_change_someone_makes_is_still_in_the_history(southwark_client):
    session, _outcome = one_of_each(southwark_client.cases.get())
    session.notes = "Moved house"
    session.save()
    (event,) = updates_recorded(Session)
    assert event.notes == "Moved house"


def test_deleting_rows_leaves_the_rest_right(southwark_client, croydon_client):
    one_of_each(southwark_client.cases.get())
    doomed = one_of_each(croydon_client.cases.get())
    for row in doomed:
        row.delete()
    assert Session.objects.count() == Outcome.objects.count() == 1
    assert wrong_copies() == []


def test_rows_written_in_bulk_take_their_borough(southwark_client, croydon_client, alice):
    Session.objects.bulk_create(
        Session(case=client.cases.get(), date=date.today(), duration_minutes=30, logged_by=alice)
        for client in (southwark_client, croydon_client)
    )
    assert wrong_copies() == []


# The search built on the copy: the same rows as visible_to gives (joining case and client, not
# reading the copy), newest first.


def seed_boroughs(boroughs, per_borough) -> None:
    """`per_borough` sessions and outcomes in each borough, their dates interleaved."""
    first = date.today() - timedelta(days=400)
    for number, borough in enumerate(boroughs):
        case = CaseFactory(client__borough=borough)
        for day in range(per_borough):
            when = first + timedelta(days=day * len(boroughs) + number)
            SessionFactory(case=case, date=when, notes="Mentoring")
            OutcomeFactory(case=case, date=when, evidence="Tenancy")


def newest_visible(user, model, **holding) -> list:
    return list(model.objects.visible_to(user).filter(**holding).order_by("-date", "-pk"))


@pytest.mark.parametrize("who", ["caseworker of one", "manager of two", "admin"])
def test_the_search_shows_the_newest_visible_rows_in_order(admin_user, who):
    boroughs = BoroughFactory.create_batch(3)
    seed_boroughs(boroughs, MATCHES_SHOWN)
    user = {
        "caseworker of one": lambda: UserFactory(role="caseworker", boroughs=boroughs[:1]),
        "manager of two": lambda: UserFactory(role="manager", boroughs=boroughs[:2]),
        "admin": lambda: admin_user,
    }[who]()
    sessions = newest_visible(user, Session, notes__contains="Mentoring")[:MATCHES_SHOWN]
    assert [match.url for match in search_notes(user, "mentoring")] == [
        reverse("casework:session_detail", args=[session.pk]) for session in sessions
    ]
    outcomes = newest_visible(user, Outcome, evidence__contains="Tenancy")[:MATCHES_SHOWN]
    assert [(match.day, match.client.pk) for match in search_notes(user, "tenancy")] == [
        (outcome.date, outcome.case.client_id) for outcome in outcomes
    ]


def shown(user, word) -> list[str]:
    return [match.url for match in search_notes(user, word)]


def test_a_young_person_moved_away_leaves_the_old_boroughs_search(
    alice, charlie, southwark_client, croydon
):
    SessionFactory(case=southwark_client.cases.get(), notes="Court date moved")
    assert shown(alice, "court") and not shown(charlie, "court")
    southwark_client.borough = croydon
    southwark_client.save()
    assert not shown(alice, "court") and shown(charlie, "court")


def test_a_user_without_a_borough_finds_nothing(southwark_client):
    SessionFactory(case=southwark_client.cases.get(), notes="Court date moved")
    assert search_notes(UserFactory(role="caseworker", boroughs=[]), "court") == []


def test_the_search_reads_one_boroughs_rows_newest_first_from_its_index(alice):
    # The query a caseworker's search sends for the newest matches, as PostgreSQL runs it when
    # a word is so common that reading rows newest first beats the text index (bitmap scans,
    # which the GIN index needs, off): in the union each of sessions and outcomes is served
    # one borough's rows in order by its borough index.
    with CaptureQueriesContext(connection) as queries:
        search_notes(alice, "knife")
    (sql,) = [query["sql"] for query in queries if "UNION ALL" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    borough = alice.boroughs.get().pk
    for model in COPYING:
        index = f"{model._meta.model_name}_borough_newest on {model._meta.db_table}"
        assert plan.count(index) == 1
        scan = plan[plan.index(index) :].splitlines()[1]
        assert scan.strip() == f"Index Cond: (borough_id = {borough})"


def test_even_a_wrong_copy_never_shows_a_row_outside_the_searchers_boroughs(
    alice, southwark, croydon_client
):
    # Forced past the trigger, a Croydon session and outcome claim Southwark: visible_to, not
    # the copy, decides what Southwark's caseworker is shown.
    one_of_each(croydon_client.cases.get())
    with pgtrigger.ignore(
        "casework.Session:takes_its_borough", "casework.Outcome:takes_its_borough"
    ):
        Session.objects.update(borough=southwark)
        Outcome.objects.update(borough=southwark)
    assert len(wrong_copies()) == 2
    assert search_notes(alice, "arrest") == []
