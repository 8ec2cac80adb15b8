"""What every kind of import (young people with cases, sessions) offers the import service,
and the column handling they share."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from django.db.models import TextChoices

from imports.spreadsheets import Table, header_key

T = TypeVar("T")
# Wraps an iterable to show progress (tqdm in the command); the identity elsewhere.
Progress = Callable[[Iterable[T], str], Iterable[T]]


def no_progress(items: Iterable[T], _description: str) -> Iterable[T]:
    return items


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool = False
    example: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class Plan:
    """What importing a file would do. Counts are rows; `writes` is the kind's own payload."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    writes: object = None

    @property
    def invalid(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def readable(self) -> bool:
        return not self.file_errors


def find_columns(columns: list[Column], headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """{field: the file's header key} for every known column present, and the missing required
    columns' headers. A column is found by its header or its field name."""
    present = set(headers)
    found, missing = {}, []
    for column in columns:
        key = next(
            (k for k in (header_key(column.header), header_key(column.field)) if k in present),
            None,
        )
        if key:
            found[column.field] = key
        elif column.required:
            missing.append(column.header)
    return found, missing


def choice_value(choices: type[TextChoices], text: str) -> str:
    """A choice's stored value from either its value or its label, any case."""
    lowered = text.lower()
    for value, label in choices.choices:
        if lowered in (value, label.lower()):
            return value
    return text


def form_errors(
    number: int, forms, *, headers: dict[str, str], already: list[RowError]
) -> list[RowError]:
    """The forms' errors as (row, column, reason), leaving out columns that already failed to
    convert (the form would only add "This field is required." for them). `headers` names the
    column of each form field; a field without one is reported against the whole row."""
    failed = {error.column for error in already}
    errors = []
    for form in forms:
        for name, messages in form.errors.items():
            if headers.get(name) in failed:
                continue
            for message in messages:
                errors.append(RowError(number, headers.get(name, ""), message))
    return errors


def in_batches(write, records: list, progress: Progress, description: str, *, size: int) -> None:
    """Call `write` on `records` `size` at a time, showing progress by batch."""
    batches = [records[i : i + size] for i in range(0, len(records), size)]
    for batch in progress(batches, description):
        write(batch)


class ImportKind(Protocol):
    name: str
    label: str
    columns: list[Column]

    def plan(self, table: Table, *, user, progress: Progress) -> Plan: ...

    def write(self, plan: Plan, *, progress: Progress) -> None: ...
