"""The summary at the top of the return: for each headline figure (reporting.headlines), per
borough and in total, this month, last month, the same month last year, the year to date
against the contract target pro rata, the months left, the last 12 months as a trend, and
whether it moved enough from the previous three months to need explaining.

Each headline is counted for all thirteen months it needs in one grouped query (per borough,
per month, and totals, through reporting.grouping's GROUPING SETS), never one return per
month."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import DateField, Func

from reporting.figures import TOTAL, hours, shown
from reporting.grouping import _by_borough
from reporting.headlines import HEADLINES, Headline
from reporting.months import Month

# Within a tenth of the pro-rata target either way is on track.
ON_TRACK_MARGIN = Fraction(1, 10)
# A figure more than a quarter above or below the average of the three months before it
# needs explaining before sign-off.
MOVEMENT_SHARE = Fraction(1, 4)
TREND_MONTHS = 12


class MonthOf(Func):
    """The first day of a date's month. Written out, not TruncMonth: TruncMonth passes 'month'
    as a query parameter, and _by_borough only rewrites a GROUP BY free of parameters."""

    template = "date_trunc('month', %(expressions)s)::date"
    output_field = DateField()


@dataclass(frozen=True)
class Progress:
    """A year to date against its target pro rata: month `elapsed` of 12 of the contract year."""

    target: int  # for the year, in the figure's unit (minutes for hours)
    year_to_date: int
    elapsed: int

    @property
    def pro_rata(self) -> Fraction:
        return Fraction(self.target * self.elapsed, 12)

    @property
    def months_left(self) -> int:
        return 12 - self.elapsed

    @property
    def status(self) -> str:
        if self.year_to_date > self.pro_rata * (1 + ON_TRACK_MARGIN):
            return "ahead"
        if self.year_to_date < self.pro_rata * (1 - ON_TRACK_MARGIN):
            return "behind"
        return "on track"


def contract_month(year_start: Month, month: Month) -> int:
    """Which month of the contract year from `year_start` `month` is: 1 to 12."""
    return (month.year - year_start.year) * 12 + month.month - year_start.month + 1


@dataclass
class Cell:
    """One headline figure in one column (a borough, or the total)."""

    headline: Headline
    column: str
    by_month: dict[Month, int]
    month: Month
    progress: Progress | None = None

    def value(self, month: Month) -> int:
        return self.by_month.get(month, 0)

    def shown(self, month: Month) -> str:
        return shown(self.headline, self.value(month))

    @property
    def this_month(self) -> str:
        return self.shown(self.month)

    @property
    def last_month(self) -> str:
        return self.shown(self.month.previous())

    @property
    def last_year(self) -> str:
        return self.shown(self.month.plus(-12))

    @property
    def trend(self) -> list[int]:
        return [self.value(self.month.plus(-n)) for n in range(TREND_MONTHS - 1, -1, -1)]

    @property
    def previous_average(self) -> Fraction:
        return Fraction(sum(self.value(self.month.plus(-n)) for n in (1, 2, 3)), 3)

    @property
    def moved(self) -> bool:
        """Moved more than MOVEMENT_SHARE from the previous three months' average (from none
        to some counts as moved)."""
        average, now = self.previous_average, self.value(self.month)
        if average == 0:
            return now != 0
        return abs(now - average) > average * MOVEMENT_SHARE

    @property
    def average_shown(self) -> str:
        average = self.previous_average
        if self.headline.unit == "minutes":
            return hours(round(average))
        return _one_decimal(average)

    @property
    def progress_numbers(self) -> str:
        """'12 against 15 pro rata of 60, 9 months left'."""
        p = self.progress
        text = (
            f"{self.in_unit(p.year_to_date)} against {self.in_unit(p.pro_rata)} pro rata "
            f"of {self.in_unit(p.target)}"
        )
        if p.months_left is None:
            return text
        return f"{text}, {p.months_left} month{'' if p.months_left == 1 else 's'} left"

    def frozen(self) -> dict[str, int | None]:
        """What sign-off keeps of this cell (MonthlyReturn.summary), in the figure's unit."""
        p = self.progress
        return {
            "this_month": self.value(self.month),
            "last_month": self.value(self.month.previous()),
            "last_year": self.value(self.month.plus(-12)),
            "year_to_date": p.year_to_date if p else None,
            "target": p.target if p else None,
            "elapsed": p.elapsed if p else None,
        }

    def in_unit(self, value) -> str:
        """A target or year to date as shown: hours for minutes, whole numbers for counts."""
        if self.headline.unit == "minutes":
            return hours(round(value))
        return _one_decimal(value)


def _one_decimal(value) -> str:
    """A count, or a share of one (a pro-rata target, an average), to one decimal: 7, 7.5."""
    return f"{float(value):.1f}".removesuffix(".0")


def headline_summary(month: Month, borough_ids: list[int], targets) -> list[list[Cell]]:
    """For each headline, a Cell per borough in `borough_ids` and the total. `targets` are
    the boroughs' Target rows; a borough's contract year is the one holding `month`."""
    columns = [str(pk) for pk in borough_ids] + [TOTAL]
    first = month.plus(-TREND_MONTHS)
    summary = []
    for headline in HEADLINES:
        records = headline.records().filter(
            **{
                f"{headline.borough_field}__in": borough_ids,
                f"{headline.date_field}__range": (first.first, month.last),
            }
        )
        counts = _by_borough(
            records.annotate(month_of=MonthOf(headline.date_field)),
            headline.borough_field,
            {"value": headline.measure()},
            by="month_of",
        )
        by_column: dict[str, dict[Month, int]] = {column: {} for column in columns}
        for (column, day), measured in counts.items():
            by_column[column][Month.of(day)] = int(measured["value"] or 0)
        cells = [Cell(headline, column, by_column[column], month) for column in columns]
        _add_progress(cells, headline, month, targets)
        summary.append(cells)
    return summary


def _add_progress(cells: list[Cell], headline: Headline, month: Month, targets) -> None:
    """Each borough against its own contract year's target; the total against the sum of
    the boroughs' pro-rata targets, when every borough has one."""
    for cell in cells[:-1]:
        for target in targets:
            start = Month.of(target.year_start)
            if (
                str(target.borough_id) == cell.column
                and target.figure == headline.key
                and 1 <= contract_month(start, month) <= 12
            ):
                elapsed = contract_month(start, month)
                ytd = sum(cell.value(start.plus(n)) for n in range(elapsed))
                scale = 60 if headline.unit == "minutes" else 1
                cell.progress = Progress(target.value * scale, ytd, elapsed)
    boroughs, total = cells[:-1], cells[-1]
    if boroughs and all(cell.progress for cell in boroughs):
        total.progress = TotalProgress([cell.progress for cell in boroughs])


class TotalProgress(Progress):
    """The boroughs' progress added up: their targets pro rata may be at different months of
    different contract years, so the total's pro rata is the sum of theirs."""

    def __init__(self, parts: list[Progress]):
        object.__setattr__(self, "parts", parts)
        super().__init__(
            target=sum(p.target for p in parts),
            year_to_date=sum(p.year_to_date for p in parts),
            elapsed=parts[0].elapsed,
        )

    @property
    def pro_rata(self) -> Fraction:
        return sum((p.pro_rata for p in self.parts), Fraction(0))

    @property
    def months_left(self):
        left = {p.months_left for p in self.parts}
        return left.pop() if len(left) == 1 else None


def frozen_summary(summary: list[list[Cell]], column: str) -> dict[str, dict]:
    """One column of the summary as sign-off freezes it: {headline key: Cell.frozen()}."""
    return {
        cell.headline.key: cell.frozen()
        for cells in summary
        for cell in cells
        if cell.column == column
    }
