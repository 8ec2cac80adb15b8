"""Keyset ("seek") pagination for long lists: a page is the rows after (or before) the key of a
row the user has seen, never OFFSET n, so the 4,000th page costs what the first does (issue 10:
OFFSET 75,000 rows deep was measured 7x slower than keyset here).

The Next link carries the last row's key and Previous the first row's, as JSON in the query
string, so paging works without JavaScript and keeps the filters. The ordering must end in a
unique column (pk); it may name a column of a related row (`client__last_name`) that the
queryset loads with select_related. Nulls sort as PostgreSQL sorts them by default (last
ascending, first descending), so reversing every term for Previous reverses the whole order
exactly.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

COUNT_CAP = 1000  # the count shown stops here: "more than 1,000", not COUNT(*) of every row


@dataclass
class KeysetPage:
    """One page of rows, the keys for the Next and Previous links (None: no such page) and the
    number of rows in the whole list, counted up to COUNT_CAP."""

    rows: list
    next_key: str | None = None
    previous_key: str | None = None
    count: int = 0
    more: bool = False  # more than COUNT_CAP rows in the list
    cap: int = field(default=COUNT_CAP)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_key or self.previous_key)


def keyset_page(
    queryset: QuerySet,
    order: list[str],
    *,
    size: int,
    after: str = "",
    before: str = "",
    rows_last: bool = False,
) -> KeysetPage:
    """The page of `queryset` in `order` just after the row whose key is `after`, or just before
    `before`; the first page if neither is given or the key does not parse.

    `rows_last`: pick the page's rows by their keys first and only then read their columns, in
    the same query, for a queryset whose joins or annotations cost something per row: without
    it PostgreSQL may join every row of the list before it sorts and keeps a page (the Young
    people list joined each of a borough's 2,000 young people to their current case)."""
    terms = [(name.lstrip("-"), name.startswith("-")) for name in order]
    backwards = bool(before) and not after
    key = _parse(queryset, terms, before if backwards else after)
    if key is None:
        backwards = False
    if backwards:
        terms = [(name, not descending) for name, descending in terms]
    ordered = queryset.order_by(*[f"{'-' if desc else ''}{name}" for name, desc in terms])
    if key is not None:
        ordered = ordered.filter(_beyond(queryset, terms, key))
    window = ordered[: size + 1]
    if rows_last:
        window = queryset.filter(pk__in=window.values("pk")).order_by(*ordered.query.order_by)
    rows = list(window)
    further, rows = len(rows) > size, rows[:size]
    if backwards:
        rows.reverse()
    counted = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
    page = KeysetPage(rows, count=min(counted, COUNT_CAP), more=counted > COUNT_CAP)
    if rows:
        first, last = _key(rows[0], terms), _key(rows[-1], terms)
        has_next, has_previous = (True, further) if backwards else (further, key is not None)
        page.next_key = last if has_next else None
        page.previous_key = first if has_previous else None
    return page


def _key(row, terms) -> str:
    values = [_value(row, name) for name, _descending in terms]
    return json.dumps([None if value is None else str(value) for value in values])


def _value(row, name: str):
    """The row's value of `name`, following related rows loaded with select_related."""
    for part in name.split("__"):
        if row is None:
            return None
        row = getattr(row, part)
    return row


def _parse(queryset: QuerySet, terms, text: str) -> list | None:
    """The key's values as Python values of their columns, or None if it does not fit."""
    if not text:
        return None
    try:
        values = json.loads(text)
        if not isinstance(values, list) or len(values) != len(terms):
            return None
        return [
            None if value is None else _output_field(queryset, name).to_python(value)
            for (name, _descending), value in zip(terms, values, strict=True)
        ]
    except (ValueError, TypeError, ValidationError):
        return None


def _output_field(queryset: QuerySet, name: str):
    if name in queryset.query.annotations:
        return queryset.query.annotations[name].output_field
    return _path(queryset, name)[-1]


def _path(queryset: QuerySet, name: str) -> list:
    """The fields `name` passes through, from the queryset's model to the column itself."""
    model, fields = queryset.model, []
    for part in name.split("__"):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        fields.append(field)
        model = field.related_model
    return fields


def _nullable(queryset: QuerySet, name: str) -> bool:
    """Whether the column can be NULL, including through a nullable foreign key on the way."""
    if name in queryset.query.annotations:
        return True
    return any(field.null for field in _path(queryset, name))


def _beyond(queryset: QuerySet, terms, key: list) -> Q:
    """Rows after `key` in the order `terms`: the first term beyond it, or equal on the first
    and the second beyond it, and so on (the row comparison, written out so nulls and mixed
    directions sort as ORDER BY does)."""
    result, ties = Q(pk__in=[]), Q()
    for (name, descending), value in zip(terms, key, strict=True):
        nullable = _nullable(queryset, name)
        if value is None:
            beyond = Q(**{f"{name}__isnull": False}) if descending else Q(pk__in=[])
            equal = Q(**{f"{name}__isnull": True})
        else:
            beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            if nullable and not descending:
                beyond |= Q(**{f"{name}__isnull": True})
            equal = Q(**{name: value})
        result |= ties & beyond
        ties &= equal
    return result
