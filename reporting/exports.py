"""The monthly return as XLSX and CSV: aggregates only, never a name or an identifier.

The XLSX has a cover sheet (month, who produced it and when, the definitions) and one sheet
per section with a column per borough and a total. No hidden sheets, comments, defined names
or personal author metadata (SECURITY.md, "XLSX hygiene")."""

import csv
import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from reporting.figures import Table, hours_value, shown
from reporting.months import Month
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


def return_csv(table: Table, borough_names: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Figure", *column_titles(table, borough_names)])
    for row in table.rows:
        values = [shown(row, table.column(column)[row.key]) for column in table.columns]
        writer.writerow([safe_cell(row.section), safe_cell(row.label), *values])
    return out.getvalue().encode("utf-8-sig")


def return_xlsx(
    table: Table, borough_names: dict[str, str], *, month: Month, produced_by: str, at: datetime
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
