"""The Justice Data Lab CSV and XLSX: no hidden sheets, comments, defined names or personal
author metadata (SECURITY.md, "XLSX hygiene"); every text cell through safe_cell ("CSV
injection"); both marked with the watermark naming the download's audit row."""

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from reporting.justice_data_lab.selectors import HEADERS
from sos.spreadsheets import safe_cell
from sos.watermark import Watermark

# Dates as the Lab's upload template writes them.
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"


def _text(value) -> str:
    """A cell as text: dates the Lab's way, blanks for unknown values, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return safe_cell(str(value))


def export_csv(rows: list[tuple], watermark: Watermark) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(watermark.csv_row())
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    # With a byte order mark, so Excel reads names with accents correctly.
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(rows: list[tuple], watermark: Watermark) -> bytes:
    """The rows on a "Participants" sheet, after the watermark's cover sheet. The properties
    name the system, never the person: the cover says whom the file was prepared for."""
    book = Workbook()
    book.properties.creator = "SOS Casework"
    book.properties.lastModifiedBy = "SOS Casework"
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Dates stay dates; an unknown identifier is an empty cell, not an empty string.
        sheet.append([(_text(value) or None) if isinstance(value, str) else value for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
    for column in "ABCDEFGHI":
        sheet.column_dimensions[column].width = 18
    watermark.add_cover_sheet(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
