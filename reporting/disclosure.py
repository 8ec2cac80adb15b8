"""Disclosure control for anything that leaves the casework team (DOMAIN.md, "Disclosure
control"): counts from 1 to threshold - 1 are shown as "<threshold", zero stays zero, and
secondary suppression hides more, marked "[c]", until no hidden count can be worked out.

Recovery is judged as an attacker would. A table here is a series: counts and their total
(the total is the sum of the counts). The attacker knows every shown number and what each
mark allows: "<5" is 1 to 4; a "[c]" count is 5 or more (secondary suppression only ever hides
a count that was shown, and shown counts are 0 or at least the threshold); a "[c]" total is at
least 1 (a hidden total is always "[c]", whatever its size, so its mark says nothing more).
From the one equation "counts add up to the total" each hidden entry's possible values form an
interval (a sum of integer intervals is an integer interval), computed exactly in
`attacker_ranges`. A hidden entry passes when it keeps at least threshold - 1 possible values
("<5" itself allows four): a "<5" count must stay 1 to 4. While one fails, the smallest shown
non-zero entry (the total last, being the largest) is hidden too. Hiding every non-zero entry
always passes: an unbounded total lets every count take its whole range.
"""

from dataclasses import dataclass
from math import inf

from sos.models import DisclosureSettings

PRIMARY, SECONDARY = "primary", "secondary"


@dataclass(frozen=True)
class Shown:
    """A count as a borough sees it: its value, or hidden (primary or secondary)."""

    value: int
    suppression: str  # "" shown, PRIMARY ("<5") or SECONDARY ("[c]")
    threshold: int

    @property
    def hidden(self) -> bool:
        return bool(self.suppression)

    def __str__(self) -> str:
        if self.suppression == PRIMARY:
            return f"<{self.threshold}"
        return "[c]" if self.suppression == SECONDARY else str(self.value)


def shown_alone(value: int, threshold: int) -> Shown:
    """A count shown alone, with no total that could give it away."""
    return Shown(value, PRIMARY if 0 < value < threshold else "", threshold)


def known_bounds(cell: Shown, *, is_total: bool) -> tuple[float, float]:
    """What the attacker knows of an entry from the page alone (see the module docstring)."""
    if not cell.hidden:
        return cell.value, cell.value
    if cell.suppression == PRIMARY and not is_total:
        return 1, cell.threshold - 1
    return (1 if is_total else cell.threshold), inf


def attacker_ranges(cells: list[Shown], total: Shown) -> dict[int, tuple[float, float]]:
    """For each hidden entry (cells by index, the total as len(cells)), the lowest and highest
    value it can take given everything shown and sum(cells) == total."""
    bounds = [known_bounds(cell, is_total=False) for cell in cells]
    total_low, total_high = known_bounds(total, is_total=True)
    ranges = {}
    for i, cell in enumerate(cells):
        if cell.hidden:
            # cell i = total - the other cells.
            others_low = sum(low for j, (low, _) in enumerate(bounds) if j != i)
            others_high = sum(high for j, (_, high) in enumerate(bounds) if j != i)
            low, high = bounds[i]
            ranges[i] = (max(low, total_low - others_high), min(high, total_high - others_low))
    if total.hidden:
        cells_low, cells_high = sum(low for low, _ in bounds), sum(high for _, high in bounds)
        ranges[len(cells)] = (max(total_low, cells_low), min(total_high, cells_high))
    return ranges


def narrowed(cells: list[Shown], total: Shown) -> list[int]:
    """The hidden entries the attacker can narrow to fewer values than "<threshold" allows."""
    allowed = (cells or [total])[0].threshold - 1
    return [
        i for i, (low, high) in attacker_ranges(cells, total).items() if high - low + 1 < allowed
    ]


def suppress_series(values: list[int], threshold: int | None = None) -> tuple[list[Shown], Shown]:
    """A row of counts with its total: (the counts as shown, the total as shown)."""
    threshold = threshold or DisclosureSettings.threshold()
    entries = [*values, sum(values)]
    marks = ["" for _ in entries]
    for i, value in enumerate(values):
        if 0 < value < threshold:
            marks[i] = PRIMARY
    if 0 < entries[-1] < threshold:
        marks[-1] = SECONDARY  # a hidden total is always "[c]"

    def shown():
        cells = [Shown(v, m, threshold) for v, m in zip(entries, marks, strict=True)]
        return cells[:-1], cells[-1]

    while narrowed(*shown()):
        visible = [i for i, value in enumerate(entries) if not marks[i] and value > 0]
        marks[min(visible, key=lambda i: (entries[i], i))] = SECONDARY
    return shown()


def rate_shown(numerator: Shown, denominator: Shown) -> bool:
    """A rate is shown only when neither of its counts is hidden."""
    return not (numerator.hidden or denominator.hidden)


def suppress_people(values: list[int], distinct: int, threshold: int) -> tuple[list[Shown], Shown]:
    """Counts of people by month with the distinct people over the period (never their sum,
    which counts person-months: DOMAIN.md). Each count alone is "<threshold" when small. The
    attacker knows distinct >= every month and distinct <= the months' sum, so a hidden month is
    at most `distinct` (itself at least the threshold, or it
    would need hiding) and at least distinct - (the other months at their largest); the
    distinct total is shown only when neither narrows a hidden month, else it is "[c]"."""
    cells = [shown_alone(value, threshold) for value in values]
    hidden = [cell for cell in cells if cell.hidden]
    shown_sum = sum(cell.value for cell in cells if not cell.hidden)
    largest_others = (threshold - 1) * (len(hidden) - 1)
    safe = not hidden or (distinct >= threshold and distinct - shown_sum - largest_others <= 1)
    return cells, Shown(distinct, "" if safe else SECONDARY, threshold)
