"""The monthly return as XLSX and CSV: aggregates only, never a name or an identifier.

The XLSX has a cover sheet (month, who produced it and when, the definitions), the summary
(reporting.summary: this month, last month, the same month last year, the year to date against
the target pro rata, the months left) and one sheet per section, each with a column per borough
and a total; the CSV has the same lines, the summary's last. No hidden sheets, comments,
defined names or personal author metadata (SECURITY.md, "XLSX hygiene")."""

import csv
import io
from datetime import datetime
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Font

from reporting.figures import Table, hours_value, shown
from reporting.months import Month
from reporting.summary import Cell
from sos.spreadsheets import safe_cell

DEFINITIONS = [
    "Figures follow DOMAIN.md, 'The monthly return'. Hours have one decimal, rounded half up.",
    "Sessions attended and young people seen count only work with the young person taking part; "
    "work on their behalf without them (an agency meeting) has its own lines and is in the "
    "total hours worked.",
    "A case counts for the borough its support is delivered in; a session in the month it began.",
    "Referrals: young people whose referral date is in the month.",
    "New starts: young people whose start of support (index date) is in the month.",
    "Active caseload: young people whose support started by the month's last day and had not "
    "ended before its first day.",
    "Group work counts workshops, participants and hours; it is not linked to individuals.",
    "Reoffending events among active clients: arrests, charges, convictions or out-of-court "
    "disposals, remands and custodial sentences dated in the month, of young people with "
    "support active in the month, each in the month of its own date.",
]


def column_titles(table: Table, borough_names: dict[str, str]) -> list[str]:
    return [safe_cell(borough_names.get(column, "Total")) for column in table.columns]


SUMMARY = "Summary"


def summary_lines(summary: list[list[Cell]]) -> list[tuple[str, list[str]]]:
    """The summary at the top of the return, a line per headline figure and measure, with a
    value per column as the page shows it ("" where a column has no target)."""
    lines = []
    for cells in summary:
        headline = cells[0].headline
        name = headline.label + (" (hours)" if headline.unit == "minutes" else "")
        lines += [
            (f"{name}: this month", [cell.this_month for cell in cells]),
            (f"{name}: last month", [cell.last_month for cell in cells]),
            (f"{name}: same month last year", [cell.last_year for cell in cells]),
            (f"{name}: year to date", _progress(cells, lambda c, p: c.in_unit(p.year_to_date))),
            (f"{name}: target pro rata", _progress(cells, lambda c, p: c.in_unit(p.pro_rata))),
            (f"{name}: target for the year", _progress(cells, lambda c, p: c.in_unit(p.target))),
            (f"{name}: against target", [_status(cell) for cell in cells]),
            (f"{name}: months left", _progress(cells, lambda c, p: _or_blank(p.months_left))),
        ]
    return lines


def _progress(cells: list[Cell], value) -> list[str]:
    return [value(cell, cell.progress) if cell.progress else "" for cell in cells]


def _status(cell: Cell) -> str:
    return cell.progress.status.capitalize() if cell.progress else "No target"


def _or_blank(value) -> str:
    """Months left of a total whose boroughs' contract years end apart: none to show."""
    return "" if value is None else str(value)


def return_csv(table: Table, summary: list[list[Cell]], borough_names: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Figure", *column_titles(table, borough_names)])
    for row in table.rows:
        values = [shown(row, table.column(column)[row.key]) for column in table.columns]
        writer.writerow([safe_cell(row.section), safe_cell(row.label), *values])
    for label, values in summary_lines(summary):
        writer.writerow([SUMMARY, safe_cell(label), *(safe_cell(value) for value in values)])
    return out.getvalue().encode("utf-8-sig")


def _number(value: str):
    """A figure as the page shows it, as a number where it is one ("12", "7.5"), so the sheet
    can add it up; words ("Behind", "No target") stay words."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return safe_cell(value)
    return number if "." in value else int(number)


def return_xlsx(
    table: Table,
    summary: list[list[Cell]],
    borough_names: dict[str, str],
    *,
    month: Month,
    produced_by: str,
    at: datetime,
) -> bytes:
    book = Workbook()
    book.properties.creator = "SOS Casework"
    book.properties.lastModifiedBy = "SOS Casework"
    cover = book.active
    cover.title = "Cover"
    bold = Font(bold=True)
    cover.append(["Monthly return", month.label])
    cover.append(["Produced by", safe_cell(produced_by)])
    cover.append(["Produced at", at.strftime("%-d %b %Y %H:%M")])
    cover.append(["Boroughs", ", ".join(column_titles(table, borough_names)[:-1])])
    cover.append([])
    cover.append(["Definitions"])
    for line in DEFINITIONS:
        cover.append([line])
    cover["A1"].font = cover["A6"].font = bold
    cover.column_dimensions["A"].width = 24
    titles = column_titles(table, borough_names)
    sheet = book.create_sheet(title=SUMMARY)
    sheet.append(["Figure", *titles])
    for cell in sheet[1]:
        cell.font = bold
    for label, values in summary_lines(summary):
        sheet.append([safe_cell(label), *(_number(value) for value in values)])
    sheet.column_dimensions["A"].width = 64
    for section, rows in table.sections():
        sheet = book.create_sheet(title=section[:31].replace(":", ""))
        sheet.append(["Figure", *titles])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            values = [table.column(column)[row.key] for column in table.columns]
            if row.unit == "minutes":
                values = [hours_value(value) for value in values]
            sheet.append([safe_cell(row.label), *values])
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
