"""Full-text search of the notes and other free text a person may see about young people.

Each kind of record holding free text is one `NoteSource`. A search asks each source for its
newest matches (PostgreSQL full-text search, the 'english' configuration, so "arrested" finds
"arrest") and keeps the newest `MATCHES_SHOWN` overall, all in one query (a union of each
source's newest), then reads the rows shown through the model's `visible_to(user)`, one query
per source among them: at most ten queries, whatever the number of matches, and Django builds
the SQL of a row's details only for the sources on the page. The `to_tsvector` expression is
the one each model's GIN index is built on (`SearchVector` of the same fields and
configuration), so PostgreSQL answers a rare word from the index.

A common word matches most rows, and PostgreSQL then reads rows newest first until it has
enough. Sessions and outcomes, millions of rows, carry a copy of their young person's borough
(casework.models.borough_copy) so that scan reads only the searcher's boroughs' rows, each
borough from its own index, instead of every borough's (2,758 sessions read to show 50 at
100,000 young people, most of the page's time). `visible_to` still decides what is seen.

Left out on purpose: a young person's address (not a note: the name search finds people) and
their special-category notes (health, religion and the like, shown only on their own page).
"""

from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from casework.models import Goal, GoalReview, Outcome, Session
from clients.models import Case, Consent, Offence, RiskFlag
from sos.access import boroughs_for
from sos.row_links import RowLink
from sos.text_search import CONFIG, text_vector

MATCHES_SHOWN = 50
# Where a match links, by NoteSource.link: each reversed once a search (sos.row_links).
LINKS = {
    "session": "casework:session_detail",
    "client": "clients:detail",
    "timeline": "casework:timeline",
}
# What a young person's name (Client.display_name) is made of: all a match reads of them.
NAME_FIELDS = ("first_name", "preferred_name", "last_name")
# ts_headline marks each matching word between these; control characters a note never needs,
# so the text around them can be escaped whole and the marks turned into <mark> afterwards.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = {
    "start_sel": START,
    "stop_sel": STOP,
    "max_words": 30,
    "min_words": 12,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


@dataclass(frozen=True)
class NoteSource:
    """One kind of record with free text: its model, the text fields searched (together), the
    date it is shown and ordered by, the path to its young person, and where a match links."""

    kind: str
    model: type[models.Model]
    fields: tuple[str, ...]
    date_field: str
    to_client: str
    link: str  # a key of LINKS: "session" (the session page), "client" or "timeline"
    # Whether the rows carry their borough (casework.models.borough_copy), to be read a
    # borough at a time newest first from the model's `<model>_borough_newest` index.
    by_borough: bool = False

    def vector(self) -> SearchVector:
        """The text of a row as searched; its model's GIN index is built on exactly this."""
        return text_vector(*self.fields)


SOURCES = (
    NoteSource(
        "Session notes", Session, ("notes",), "date", "case__client", "session", by_borough=True
    ),
    NoteSource(
        "Support: referral and closure",
        Case,
        ("referral_reason", "closure_notes"),
        "referral_date",
        "client",
        "client",
    ),
    NoteSource("Offence notes", Offence, ("notes",), "offence_date", "client", "client"),
    NoteSource("Risk flag notes", RiskFlag, ("notes",), "created_at", "client", "client"),
    NoteSource("Consent notes", Consent, ("notes",), "date", "client", "client"),
    NoteSource("Goal", Goal, ("description",), "created_at", "case__client", "timeline"),
    NoteSource("Goal review", GoalReview, ("note",), "date", "goal__case__client", "timeline"),
    NoteSource(
        "Outcome evidence",
        Outcome,
        ("evidence",),
        "date",
        "case__client",
        "timeline",
        by_borough=True,
    ),
)


@dataclass(frozen=True)
class NoteMatch:
    """One record whose text matched: what it is, when, whose, where it lives and the
    matching words in context (`snippet`, safe HTML)."""

    kind: str
    day: date
    client: models.Model
    url: str
    snippet: SafeString


def search_notes(user, text: str) -> list[NoteMatch]:
    """The newest `MATCHES_SHOWN` records `user` may see whose free text matches `text`
    (websearch syntax: words, "a phrase", or, -word), newest first (a day's matches in the
    order of SOURCES, then newest record first); none for a role that may not see personal
    data (every source's `visible_to` is empty for them)."""
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    boroughs = list(boroughs_for(user).values_list("pk", flat=True))
    newest = _newest_matches(user, query, boroughs)
    details = {}
    for number, source in enumerate(SOURCES):
        keys = [pk for found, pk in newest if found == number]
        if keys:
            details[number] = _details(source, user, query, keys)
    links = {link: RowLink.to(name) for link, name in LINKS.items()}
    # A key missing from its details is a row visible_to does not show this user.
    return [
        _match(SOURCES[number], details[number][pk], links)
        for number, pk in newest
        if pk in details[number]
    ]


def _newest_matches(user, query: SearchQuery, boroughs) -> list[tuple[int, int]]:
    """(source number, key) of the newest `MATCHES_SHOWN` matches of every source, in one
    query: each source's part reads its newest matches from its own indexes and stops at the
    limit, and the union keeps the newest overall."""
    parts = []
    for number, source in enumerate(SOURCES):
        found = source.model.objects.alias(found=source.vector()).filter(found=query)
        if source.by_borough:
            # visible_to is applied to the rows shown (`_details`), not here: PostgreSQL
            # cannot know that a row's borough copy and its young person's borough agree, so
            # with both in one query it expects 50 times fewer matches than there are and
            # reads every row of the borough (2,892 outcomes at 100,000 young people) to sort
            # them. The copy always agrees (the database keeps it,
            # tests/casework/test_notes_search_borough_copy.py), and were it ever wrong a row
            # could only go missing from the page, never be shown outside its borough.
            parts += [
                _newest(number, source, found.filter(borough=borough)) for borough in boroughs
            ]
        else:
            # The ids of the searcher's boroughs beside visible_to (the same boroughs, read
            # once): with them PostgreSQL knows how few of a borough's records match and
            # starts from the text index, where from visible_to alone it read every support
            # case of the borough's 2,051 young people to find none (7 ms of the search at
            # 100,000 young people, the slowest part).
            mine = found.visible_to(user).filter(**{f"{source.to_client}__borough__in": boroughs})
            parts.append(_newest(number, source, mine))
    # A part that can find nothing (no borough, or a role visible_to shows nothing) is left
    # out of the SQL by Django; with none left, no query is sent at all.
    first, *rest = parts
    newest = first.union(*rest, all=True).order_by("-match_day", "match_source", "-pk")
    return [(number, pk) for number, pk, _ in newest[:MATCHES_SHOWN]]


def _newest(number: int, source: NoteSource, rows: models.QuerySet) -> models.QuerySet:
    """(source number, key, day) of the newest `MATCHES_SHOWN` of `rows`, read newest first
    by the source's own date (the index order) and shown by the day of it."""
    day = source.model._meta.get_field(source.date_field)
    shown_day = (
        TruncDate(source.date_field) if isinstance(day, models.DateTimeField) else F(day.name)
    )
    return (
        rows.annotate(match_source=Value(number), match_day=shown_day)
        .order_by(f"-{source.date_field}", "-pk")
        .values_list("match_source", "pk", "match_day")[:MATCHES_SHOWN]
    )


def _details(source: NoteSource, user, query: SearchQuery, keys: list[int]) -> dict:
    """The rows of `keys` `user` may see, by key, with their young person and the matching
    words in context. The headline is worked out here, over the rows shown only: in the
    newest-first scan PostgreSQL would compute it for every row read on the way to the limit."""
    rows = (
        source.model.objects.visible_to(user)
        .filter(pk__in=keys)
        .annotate(
            headline=SearchHeadline(
                _joined(source.fields), query, config=CONFIG, **HEADLINE_OPTIONS
            )
        )
        .select_related(source.to_client)
        # Only what a match shows: the date and the young person's name, not the note (the
        # headline holds its words in context) nor any other column of the rows joined.
        .only(source.date_field, *_steps(source.to_client), *_name(source.to_client))
    )
    return {row.pk: row for row in rows}


def _steps(path: str) -> list[str]:
    """Each relation on the way along `path` ("case__client": "case", "case__client")."""
    steps = path.split("__")
    return ["__".join(steps[: count + 1]) for count in range(len(steps))]


def _name(to_client: str) -> list[str]:
    return [f"{to_client}__{field}" for field in NAME_FIELDS]


def _joined(fields: tuple[str, ...]):
    """The fields as one text, as `SearchVector` joins them, to show the words in context."""
    if len(fields) == 1:
        return fields[0]
    parts = [Value(" ")] * (2 * len(fields) - 1)
    parts[::2] = fields
    # Concat leaves out an empty (NULL) field, as SearchVector does.
    return Concat(*parts, output_field=models.TextField())


def _match(source: NoteSource, row, links: dict[str, RowLink]) -> NoteMatch:
    client = row
    for step in source.to_client.split("__"):
        client = getattr(client, step)
    day = getattr(row, source.date_field)
    if isinstance(day, datetime):
        day = timezone.localdate(day)
    # A session links to its own page; anything else to its young person's.
    url = links[source.link](row.pk if source.link == "session" else client.pk)
    return NoteMatch(source.kind, day, client, url, highlighted(row.headline))


def highlighted(headline: str) -> SafeString:
    """`headline` escaped whole, with only the words between ts_headline's marks wrapped in
    <mark>: a note's own markup, or a mark character typed into it, stays text. (The standard
    library's escape, as Django's own escape calls it, without a SafeString for each part.)"""
    first, *marked = headline.split(START)
    html = [escape(first.replace(STOP, ""))]
    for part in marked:
        word, _, rest = part.partition(STOP)
        html += ["<mark>", escape(word), "</mark>", escape(rest.replace(STOP, ""))]
    return mark_safe("".join(html))  # noqa: S308 - every part above is escaped
