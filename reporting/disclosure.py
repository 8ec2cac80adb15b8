"""Disclosure control for anything that leaves the casework team (DOMAIN.md, "Disclosure
control"): counts from 1 to threshold - 1 are shown as "<threshold", zero stays zero, and
secondary suppression hides more cells so no hidden count can be worked out from a total.

Counts are "entries"; a "line" is a set of entries of which one is the sum of the others (a
row with its total). The rule, applied until nothing changes: no line may have exactly one
hidden entry, since that one would be its total minus the others. When a line has one, the
smallest visible non-zero entry in it is hidden too (a non-zero one always exists: the hidden
entry is at least 1, so its line's total is too).
"""

from dataclasses import dataclass

from sos.models import DisclosureSettings


@dataclass(frozen=True)
class Shown:
    """A count as a borough sees it: its value, or hidden."""

    value: int
    hidden: bool
    threshold: int

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.hidden else str(self.value)


def suppress(entries: list[int], lines: list[list[int]], threshold: int) -> list[bool]:
    """Which entries to hide: primary (1 <= count < threshold) and secondary suppression."""
    hidden = [0 < value < threshold for value in entries]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[i] for i in line) != 1:
                continue
            visible = [i for i in line if not hidden[i] and entries[i] > 0]
            smallest = min(visible, key=lambda i: (entries[i], i))
            hidden[smallest] = changed = True
    return hidden


def suppress_series(values: list[int], threshold: int | None = None) -> tuple[list[Shown], Shown]:
    """A row of counts with its total: (the counts as shown, the total as shown)."""
    threshold = threshold or DisclosureSettings.threshold()
    entries = [*values, sum(values)]
    hidden = suppress(entries, [list(range(len(entries)))], threshold)
    shown = [Shown(value, hide, threshold) for value, hide in zip(entries, hidden, strict=True)]
    return shown[:-1], shown[-1]


def suppress_grid(rows: list[list[int]], threshold: int) -> list[list[Shown]]:
    """A table with a total column, a total row and a grand total, all as shown.

    Returns len(rows) + 1 rows of len(row) + 1 entries: the last column and row are totals."""
    width = len(rows[0]) if rows else 0
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
    entries = [value for row in grid for value in row]

    def index(r: int, c: int) -> int:
        return r * (width + 1) + c

    lines = [[index(r, c) for c in range(width + 1)] for r in range(len(grid))]
    lines += [[index(r, c) for r in range(len(grid))] for c in range(width + 1)]
    hidden = suppress(entries, lines, threshold)
    return [
        [Shown(grid[r][c], hidden[index(r, c)], threshold) for c in range(width + 1)]
        for r in range(len(grid))
    ]


def rate_shown(numerator: Shown, denominator: Shown) -> bool:
    """A rate is shown only when neither of its counts is hidden."""
    return not (numerator.hidden or denominator.hidden)
