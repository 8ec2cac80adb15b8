"""The shape of a monthly return: rows of figures, one column per borough and a total.

Figures are keyed "section|label" so a frozen return (stored as JSON) can be compared with a
recomputed one row by row, whatever reference data has been added since.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TOTAL = "total"


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    unit: str = "count"  # "count", or "minutes" (shown as hours)
    figure: str = ""  # the drill-down that lists the records behind it ("" if none)
    detail: str = ""  # which value of that drill-down (a closure reason id, ...)

    @property
    def key(self) -> str:
        return f"{self.section}|{self.label}"


@dataclass
class Table:
    """Figures for the columns (borough ids as strings, then TOTAL) in row order."""

    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # column -> key -> value

    def add(self, row: Row, by_column: dict[str, int]) -> None:
        """Add a row; columns it has no value for are zero, never missing."""
        self.rows.append(row)
        for column in self.columns:
            self.values.setdefault(column, {})[row.key] = int(by_column.get(column, 0) or 0)

    def column(self, column: str) -> dict[str, int]:
        return self.values.get(column, {})

    def sections(self) -> list[tuple[str, list[Row]]]:
        grouped: dict[str, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.section, []).append(row)
        return list(grouped.items())


def hours_value(minutes: int) -> Decimal:
    """Minutes as hours to one decimal, half up: the one rounding rule for hours everywhere
    (the return, its downloads, the team figures and the evaluation), so they add up alike."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal, the way the return shows them."""
    return str(hours_value(minutes))


def shown(row: Row, value: int) -> str:
    return hours(value) if row.unit == "minutes" else str(value)
