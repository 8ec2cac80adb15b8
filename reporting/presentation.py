"""What the return page shows in each cell: the signed-off figure where there is one, the live
figure otherwise, and how far the live figure has moved since sign-off."""

from dataclasses import dataclass

from django.urls import reverse

from reporting.charts import bar_chart
from reporting.figures import TOTAL, Row, Table, shown
from reporting.models import MonthlyReturn
from reporting.months import Month
from reporting.referral_routes import PARTNER, SOURCE
from reporting.summary import TREND_MONTHS
from reporting.summary import Cell as SummaryCell


@dataclass(frozen=True)
class Cell:
    column: str
    value: str  # as shown: the frozen figure if signed off, else the live one
    raw: int
    changed_to: str = ""  # the live figure, if it differs from the frozen one
    delta: str = ""  # "+3", "-1.5"


@dataclass(frozen=True)
class Line:
    row: Row
    cells: list[Cell]


def return_lines(table: Table, signed: dict[str, MonthlyReturn]) -> list[tuple[str, list[Line]]]:
    """The table by section, with each borough column read from its signed return if any."""
    sections = []
    for section, rows in table.sections():
        lines = []
        for row in rows:
            cells = [_cell(row, column, table, signed.get(column)) for column in table.columns]
            lines.append(Line(row, cells))
        sections.append((section, lines))
    return sections


def _cell(row: Row, column: str, table: Table, signed: MonthlyReturn | None) -> Cell:
    live = table.column(column)[row.key]
    if signed is None or column == TOTAL or _not_broken_down(row, signed):
        return Cell(column, shown(row, live), live)
    frozen = signed.figures.get(row.key, 0)
    if frozen == live:
        return Cell(column, shown(row, frozen), frozen)
    delta = shown(row, live - frozen)
    return Cell(
        column,
        shown(row, frozen),
        frozen,
        changed_to=shown(row, live),
        delta=delta if delta.startswith("-") else f"+{delta}",
    )


def _not_broken_down(row: Row, signed: MonthlyReturn) -> bool:
    """A line of figure 1's breakdown that a return signed before the breakdown existed does
    not have: it was never frozen, so it is shown live and not as a change (figure 1 itself,
    which it breaks down, is compared as ever)."""
    return row.detail.startswith((PARTNER, SOURCE)) and row.key not in signed.figures


def changed_figures(table: Table, signed: dict[str, MonthlyReturn]) -> dict[str, list[Cell]]:
    """For each signed-off column, the figures that now differ from the signed return."""
    changes: dict[str, list] = {}
    for _section, lines in return_lines(table, signed):
        for line in lines:
            for cell in line.cells:
                if cell.changed_to:
                    changes.setdefault(cell.column, []).append((line.row, cell))
    return changes


FROZEN_LABELS = {
    "this_month": "this month",
    "last_month": "last month",
    "last_year": "same month last year",
    "year_to_date": "year to date",
    "target": "target for the year",
}


def summary_changes(summary: list[list[SummaryCell]], signed: dict[str, MonthlyReturn], names):
    """The summary figures of each signed-off borough that now differ from what was signed:
    (headline label, borough, what, signed value, value now, change), as the page shows them;
    the change is "+3" or "-1.5" like a figure's, blank when either side has no value."""
    changes = []
    for cells in summary:
        for cell in cells:
            version = signed.get(cell.column)
            if version is None or not version.summary:
                continue
            was, now = version.summary.get(cell.headline.key, {}), cell.frozen()
            for field, label in FROZEN_LABELS.items():
                if was.get(field) != now[field]:
                    changes.append(
                        (cell.headline.label, names[cell.column], label,
                         _or_none(cell, was.get(field)), _or_none(cell, now[field]),
                         _change(cell, was.get(field), now[field]))
                    )  # fmt: skip
    return changes


def _or_none(cell: SummaryCell, value) -> str:
    return "none" if value is None else cell.in_unit(value)


def _change(cell: SummaryCell, was, now) -> str:
    if was is None or now is None:
        return ""
    delta = cell.in_unit(now - was)
    return delta if delta.startswith("-") else f"+{delta}"


def summary_rows(summary: list[list[SummaryCell]], month: Month, names: dict, chosen: str):
    """The summary as the page shows it: per headline, its cells with the column's name and
    the 12-month trend chart of the total; and the movements that need explaining, each with
    the link to the records behind it."""
    months = [month.plus(-n) for n in range(TREND_MONTHS - 1, -1, -1)]
    headlines, movements = [], []
    for cells in summary:
        headline, total = cells[0].headline, cells[-1]
        chart = bar_chart(months, total.trend, [""] * TREND_MONTHS, headline.unit)
        named = [(names.get(cell.column, "Total"), cell) for cell in cells]
        headlines.append((headline, named, chart, [(m, total.shown(m)) for m in months]))
        for name, cell in named:
            if not cell.moved:
                continue
            link = ""
            if headline.drilldown:
                borough = cell.column if cell.column != TOTAL else chosen
                link = (
                    f"{reverse('reporting:return_records')}?month={month}&"
                    f"{headline.drilldown}&borough={borough}"
                )
            movements.append((headline, name, cell, link))
    return {"summary": headlines, "movements": movements}
