"""What every kind of import (clients now, sessions later) offers the import service."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from imports.spreadsheets import Table

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


class ImportKind(Protocol):
    name: str
    label: str
    columns: list[Column]

    def plan(self, table: Table, *, user, progress: Progress) -> Plan: ...

    def write(self, plan: Plan, *, progress: Progress) -> None: ...
