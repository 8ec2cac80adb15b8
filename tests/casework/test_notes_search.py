from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessRecord
from audit.wording import access_in_words
from casework.notes_search import MATCHES_SHOWN, SOURCES, search_notes
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    GoalFactory,
    GoalReviewFactory,
    OffenceFactory,
    OutcomeFactory,
    RiskFlagFactory,
    SessionFactory,
    UserFactory,
)

URL = reverse("casework:notes_search")


def search(browser, words):
    return browser.get(URL, {"q": words})


def shown_clients(response) -> set[int]:
    return {match.client.pk for match in response.context["matches"]}


def test_it_finds_a_session_note_by_another_form_of_the_word(login, alice, southwark_client):
    session = SessionFactory(
        case=southwark_client.cases.get(), notes="Talked about his arrest last week."
    )
    response = search(login(alice), "arrested")
    (match,) = response.context["matches"]
    assert match.url == reverse("casework:session_detail", args=[session.pk])
    assert "<mark>arrest</mark>" in response.content.decode()


# One record of each kind holding free text, the word "tenancy" in its text, and where the
# match must link (the record's own page where it has one, else the young person's).
RECORDS = {
    "Support: referral and closure": lambda case: (
        CaseFactory(client=case.client, referral_reason="Lost his tenancy in May"),
        "client",
    ),
    "Offence notes": lambda case: (OffenceFactory(client=case.client, notes="tenancy"), "client"),
    "Risk flag notes": lambda case: (
        RiskFlagFactory(client=case.client, notes="tenancy"),
        "client",
    ),
    "Consent notes": lambda case: (ConsentFactory(client=case.client, notes="tenancy"), "client"),
    "Goal": lambda case: (GoalFactory(case=case, description="Keep the tenancy"), "timeline"),
    "Goal review": lambda case: (
        GoalReviewFactory(goal=GoalFactory(case=case), note="tenancy signed"),
        "timeline",
    ),
    "Outcome evidence": lambda case: (OutcomeFactory(case=case, evidence="tenancy"), "timeline"),
}


def test_every_source_of_free_text_has_a_record_kind_tested():
    assert set(RECORDS) == {source.kind for source in SOURCES} - {"Session notes"}


@pytest.mark.parametrize("kind", RECORDS)
def test_it_finds_words_in_every_kind_of_note(login, alice, southwark_client, kind):
    _record, page = RECORDS[kind](southwark_client.cases.get())
    (match,) = search(login(alice), "tenancies").context["matches"]
    route = {"client": "clients:detail", "timeline": "casework:timeline"}[page]
    assert (match.kind, match.url) == (kind, reverse(route, args=[southwark_client.pk]))


# Dates a check constraint keeps on or after a source's date: support starts after referral,
# an offence's outcome comes after it.
COMPANION_DATES = {"referral_date": ("index_date",), "offence_date": ("outcome_date",)}


def newest_recomputed(user, word) -> list[tuple[str, date, int, int]]:
    """(kind, day, key, young person) of the newest matches `user` may see, worked out
    without the search: every source's rows through visible_to, the word looked for in
    Python, newest day first, a day's matches in the order of SOURCES, then the newest record
    (highest key) first."""
    found = []
    for number, source in enumerate(SOURCES):
        for row in source.model.objects.visible_to(user):
            text = " ".join(getattr(row, field) or "" for field in source.fields)
            if word in text.lower():
                day = getattr(row, source.date_field)
                day = timezone.localdate(day) if isinstance(day, datetime) else day
                person = row
                for step in source.to_client.split("__"):
                    person = getattr(person, step)
                found.append((day, -number, row.pk, source.kind, person.pk))
    found.sort(reverse=True)
    return [(kind, day, pk, person) for day, _, pk, kind, person in found[:MATCHES_SHOWN]]


@pytest.mark.parametrize("who", ["Southwark's caseworker", "manager of both", "admin"])
def test_matches_of_every_kind_come_newest_first_in_one_order(
    alice, admin_user, southwark, croydon, southwark_client, croydon_client, who
):
    # Every kind of record, several of each, on a handful of days so that kinds share days,
    # in two boroughs; more than the page shows in each. Croydon's are never shown to
    # Southwark's caseworker.
    days = [date.today() - timedelta(days=day) for day in (0, 3, 3, 10, 40, 41, 90, 200)]
    for client in (southwark_client, croydon_client):
        case = client.cases.get()
        for day in days:
            SessionFactory(case=case, date=day, notes="tenancy")
            for make in RECORDS.values():
                record, _page = make(case)
                (field,) = [s.date_field for s in SOURCES if s.model is type(record)]
                when = day
                if isinstance(record._meta.get_field(field), models.DateTimeField):
                    # Late in the evening: in summer the day in UTC is already the next.
                    when = timezone.make_aware(datetime.combine(day, time(23, 30)))
                # Dates that must not come before the one moved move with it.
                moved = {field: when}
                moved.update(dict.fromkeys(COMPANION_DATES.get(field, ()), when))
                type(record).objects.filter(pk=record.pk).update(**moved)
    user = {
        "Southwark's caseworker": lambda: alice,
        "manager of both": lambda: UserFactory(role="manager", boroughs=[southwark, croydon]),
        "admin": lambda: admin_user,
    }[who]()
    shown = search_notes(user, "tenancy")
    expected = newest_recomputed(user, "tenancy")
    assert len(shown) == MATCHES_SHOWN < len(days) * (len(RECORDS) + 1)
    assert [(match.kind, match.day, match.client.pk) for match in shown] == [
        (kind, day, person) for kind, day, _, person in expected
    ]
    if who == "Southwark's caseworker":
        assert {match.client.pk for match in shown} == {southwark_client.pk}
    sessions = [pk for kind, _, pk, _ in expected if kind == "Session notes"]
    assert [match.url for match in shown if match.kind == "Session notes"] == [
        reverse("casework:session_detail", args=[pk]) for pk in sessions
    ]


def test_it_404s_for_other_borough(login, alice, charlie, southwark_client, croydon_client):
    # The same words in both boroughs: each caseworker finds only their own borough's.
    for client in (southwark_client, croydon_client):
        SessionFactory(case=client.cases.get(), notes="Knife found at the park")
        OffenceFactory(client=client, notes="knife")
    assert shown_clients(search(login(alice), "knife")) == {southwark_client.pk}
    assert shown_clients(search(login(charlie), "knife")) == {croydon_client.pk}


def test_an_admin_finds_every_boroughs_notes(login, admin_user, southwark_client, croydon_client):
    for client in (southwark_client, croydon_client):
        SessionFactory(case=client.cases.get(), notes="Knife found at the park")
    found = shown_clients(search(login(admin_user), "knife"))
    assert found == {southwark_client.pk, croydon_client.pk}


def test_a_role_without_personal_data_rights_is_refused(login, evaluator, southwark_client):
    SessionFactory(case=southwark_client.cases.get(), notes="knife")
    assert search(login(evaluator), "knife").status_code == 403
    assert search_notes(evaluator, "knife") == []
    assert not AccessRecord.objects.exists()


def test_it_sends_the_signed_out_to_sign_in(client):
    response = search(client, "knife")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_writes_one_access_row_per_young_person_shown(login, alice, southwark_client, southwark):
    other = CaseFactory(client__borough=southwark, caseworker=alice).client
    for case in (southwark_client.cases.get(), southwark_client.cases.get(), other.cases.get()):
        SessionFactory(case=case, notes="Court date moved")
    search(login(alice), "court")
    rows = AccessRecord.objects.all()
    assert sorted(row.client_id for row in rows) == sorted([southwark_client.pk, other.pk])
    assert {(row.user, row.route, row.object_type) for row in rows} == {
        (alice, "casework:notes_search", "notes search")
    }
    row = rows.select_related("client").get(client=other)
    assert access_in_words(row) == (
        f"searched the notes and was shown records of {other.display_name} (client {other.pk})"
    )


def test_it_logs_a_search_that_found_nothing_without_its_words(login, alice, southwark_client):
    search(login(alice), "burglary")
    (row,) = AccessRecord.objects.all()
    assert (row.user, row.client_id) == (alice, None)
    assert access_in_words(row) == "searched the notes and was shown no records"
    # The log has no column for what was searched; nothing of it is anywhere in the row.
    assert "burglary" not in repr(AccessRecord.objects.values().get())


def test_the_blank_page_writes_nothing(login, alice):
    assert search(login(alice), "").status_code == 200
    assert not AccessRecord.objects.exists()


class Tags(HTMLParser):
    """The elements a piece of HTML opens: what a browser would make of it."""

    def __init__(self, html):
        super().__init__()
        self.opened = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.opened.append(tag)


@pytest.mark.parametrize(
    "note",
    [
        "<script>alert(1)</script> arrest <b>bold</b>",
        "Score < 5 & falling, <em arrest",
        # ts_headline's own marks typed into a note cannot open or close markup.
        "\x02<img src=x onerror=alert(1)>\x03 arrest \x03</mark><script>",
    ],
)
def test_it_escapes_markup_in_the_snippet(login, alice, southwark_client, note):
    SessionFactory(case=southwark_client.cases.get(), notes=note)
    response = search(login(alice), "arrest")
    (match,) = response.context["matches"]
    assert Tags(str(match.snippet)).opened == ["mark"]
    assert "<mark>arrest</mark>" in match.snippet
    page = response.content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page


def test_the_snippet_keeps_the_words_around_a_match_as_text(login, alice, southwark_client):
    SessionFactory(case=southwark_client.cases.get(), notes="Score < 5 & falling since arrest")
    (match,) = search(login(alice), "arrest").context["matches"]
    assert match.snippet == "Score &lt; 5 &amp; falling since <mark>arrest</mark>"


def test_a_nul_character_is_refused_before_any_search(login, alice, southwark_client):
    # sos.middleware answers any request holding a NUL with 400, naming the field.
    response = search(login(alice), "knife\x00")
    assert response.status_code == 400
    assert not AccessRecord.objects.exists()


@pytest.mark.parametrize("matches", [1, 12])
def test_it_searches_in_a_fixed_number_of_queries(
    client, login, alice, southwark, django_assert_num_queries, matches
):
    for _ in range(matches):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case, notes="Went to the job centre")
        OffenceFactory(client=case.client, notes="job")
        GoalReviewFactory(goal=GoalFactory(case=case), note="job search")
    login(alice)
    # session, user, verified 2FA device; the searcher's boroughs (sessions and outcomes are
    # read a borough at a time); the newest matches of every source of notes (one query, a
    # union); the rows shown, one query per source among them (here three: sessions, offences
    # and goal reviews); the access records of the young people shown (one insert)
    with django_assert_num_queries(3 + 1 + 1 + 3 + 1):
        response = search(client, "job")
    assert len(response.context["matches"]) == 3 * matches


def test_it_reads_each_source_on_the_page_once(
    client, login, alice, southwark, django_assert_num_queries
):
    # Two young people with a record of every kind: at most one query per source shown.
    for _ in range(2):
        case = CaseFactory(client__borough=southwark, caseworker=alice)
        SessionFactory(case=case, notes="tenancy")
        for make in RECORDS.values():
            make(case)
    login(alice)
    # session, user, verified 2FA device; the searcher's boroughs; the newest matches (one
    # union); the rows shown, one query for each of the 8 sources; the access records
    with django_assert_num_queries(3 + 1 + 1 + len(SOURCES) + 1):
        response = search(client, "tenancy")
    assert {match.kind for match in response.context["matches"]} == {s.kind for s in SOURCES}


def test_it_shows_the_newest_matches_only(login, alice, southwark_client):
    case = southwark_client.cases.get()
    first = case.referral_date
    for day in range(MATCHES_SHOWN + 5):
        SessionFactory(case=case, date=first + timedelta(days=day), notes="mentoring")
    days = [match.day for match in search(login(alice), "mentoring").context["matches"]]
    newest = [first + timedelta(days=day) for day in range(MATCHES_SHOWN + 4, 4, -1)]
    assert days == newest


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("a" * 10_000, "Enter at most 200 characters (this has 10000)."),
        ("& | !", "Enter a word to find: letters or numbers."),
        ("a & | ! knife", None),
        ("'knife' :* <-> (", None),
        ('"unclosed phrase', None),
        ("-", "Enter a word to find: letters or numbers."),
        ("the and of", None),  # English stop words: no word left to search, nothing found
        ("\\\\ ' \" knife:*A", None),
    ],
)
def test_it_never_fails_on_hostile_words(login, alice, southwark_client, words, message):
    SessionFactory(case=southwark_client.cases.get(), notes="Knife found")
    response = search(login(alice), words)
    assert response.status_code == 200
    if message:
        assert response.context["form"].errors == {"q": [message]}
        assert response.context["matches"] is None
    else:
        assert isinstance(response.context["matches"], list)


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.kind)
def test_each_search_is_answered_from_its_gin_index(db, source):
    # The expression index serves a query only when the query repeats its expression exactly.
    # Whole-table and ordered index reads off (on an empty table either beats the text index
    # by a hair, whatever other tests left in the statistics): what is left is a bitmap scan,
    # and only the text index can offer one for this condition.
    rows = source.model.objects.annotate(found=source.vector()).filter(found="knife")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{source.model._meta.model_name}_text_search" in plan


def test_the_union_answers_each_source_from_its_gin_index(alice, southwark_client):
    # The query that finds the newest matches repeats each index's expression: with whole-table
    # reads, ordered index reads and looking rows up one by one off (on a few rows PostgreSQL
    # may rightly prefer any of them), it answers a word from the text index of each source it
    # does not read a borough at a time (those it does may take their borough index:
    # tests/casework/test_notes_search_borough_copy.py).
    with CaptureQueriesContext(connection) as queries:
        search_notes(alice, "knife")
    (sql,) = [query["sql"] for query in queries if "UNION ALL" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for source in SOURCES:
        if not source.by_borough:  # those read by borough: the test above and the next file's
            assert f"{source.model._meta.model_name}_text_search" in plan
