"""Writing the sessions workbook as XLSX: a visible "About this file" sheet first, then one
sheet per kind of session, written to disk row by row (XlsxWriter's constant_memory mode), so
memory stays flat however many sessions there are.

XLSX hygiene (SECURITY.md): no hidden sheets, comments or defined names, and no personal author
metadata (the author is the app). Every cell goes through safe_cell, and XlsxWriter is told never
to turn text into formulas, links or numbers, so a value typed into the app stays plain text.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import xlsxwriter

from exports.tables import ExportColumn
from exports.writer import REPORT_EVERY, Report
from sos.spreadsheets import safe_cell
from sos.watermark import COVER_TITLE, SENSITIVITY, SYSTEM, Watermark

HANDLING = (
    "Personal and criminal-offence data about young people. Keep this file encrypted, share it "
    "with no one who does not need it, and delete it when done."
)
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
# Excel stores a date as days since 30 Dec 1899 (right for every date after 28 Feb 1900) and a
# time as a fraction of a day. Worked out here rather than by XlsxWriter's write_datetime, whose
# general conversion (time zones, the 1904 epoch) was a fifth of the time per row.
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
SECONDS_PER_DAY = 24 * 60 * 60


@dataclass(frozen=True)
class Sheet:
    title: str
    description: str
    columns: list[ExportColumn]
    rows: Iterator[tuple]


@dataclass(frozen=True)
class About:
    """What the cover says: the watermark (who the workbook was prepared for, when, and its
    reference), and what it holds."""

    watermark: Watermark
    date_from: date
    date_to: date
    boroughs: list[str]
    group_sessions: bool


def about_lines(about: About, sheets: list[Sheet]) -> list[tuple[str, str]]:
    """The "About this file" sheet as (label, text) lines, so a copy found elsewhere says whose
    it was, what it covers and how to treat it."""
    lines = [
        # The watermark, laid out as on every personal-data workbook (sos.watermark).
        (COVER_TITLE, ""),
        (SENSITIVITY, ""),
        *about.watermark.fields(),
        ("Contents", "SOS Casework sessions workbook"),
        ("Handling", HANDLING),
        ("Sessions from", f"{about.date_from:%-d %b %Y} to {about.date_to:%-d %b %Y}"),
        ("Boroughs", ", ".join(about.boroughs) or "None"),
        ("Group sessions", "On the second sheet" if about.group_sessions else "Not included"),
        ("", ""),
        (
            "How sessions are chosen",
            "Sessions dated in the range whose support is delivered in the boroughs above (as "
            "the monthly return counts them), of young people the person above may see.",
        ),
        ("", ""),
    ]
    for sheet in sheets:
        lines.append((f"Sheet '{sheet.title}'", sheet.description))
        lines += [(f"  {column.header}", column.description) for column in sheet.columns]
    return lines


def write_workbook(path: Path, about: About, sheets: list[Sheet], *, report: Report) -> int:
    """Write the cover and `sheets` to `path`; returns the data rows written."""
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            # The rows being written are personal data: keep XlsxWriter's temporary files in
            # the private directory next to the file, never in the system's /tmp.
            "tmpdir": str(path.parent),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"author": SYSTEM, "title": "Sessions workbook"})
    formats = _Formats(book)
    _write_about(book, about_lines(about, sheets), formats)
    written = 0
    for sheet in sheets:
        written = _write_sheet(book, sheet, formats, report=report, written=written)
    book.close()
    report(written)
    return written


class _Formats:
    def __init__(self, book):
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.time = book.add_format({"num_format": TIME_FORMAT})


def _write_about(book, lines: list[tuple[str, str]], formats: _Formats) -> None:
    cover = book.add_worksheet(COVER_TITLE)
    # Opened on the cover, whose tab alone is selected (two selected tabs are edited together).
    cover.activate()
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 90, formats.wrap)
    for row, (label, text) in enumerate(lines):
        cover.write_string(row, 0, safe_cell(label), formats.bold)
        cover.write_string(row, 1, safe_cell(text))


def _write_sheet(book, sheet: Sheet, formats: _Formats, *, report: Report, written: int) -> int:
    data = book.add_worksheet(sheet.title)
    data.freeze_panes(1, 0)
    for col, column in enumerate(sheet.columns):
        data.set_column(col, col, max(12, len(column.header) + 2))
        data.write_string(0, col, safe_cell(column.header), formats.bold)
    # Bound once: this loop runs for every cell of 100,000+ rows.
    write_string, write_number = data.write_string, data.write_number
    date_format, time_format = formats.date, formats.time
    for row_number, row in enumerate(sheet.rows, start=1):
        for col, value in enumerate(row):
            value = safe_cell(value)
            if value is None:
                continue
            if isinstance(value, str):
                write_string(row_number, col, value)
            elif isinstance(value, int | float):
                write_number(row_number, col, value)
            elif isinstance(value, date):
                write_number(row_number, col, value.toordinal() - EXCEL_EPOCH, date_format)
            elif isinstance(value, time):
                seconds = value.hour * 3600 + value.minute * 60 + value.second
                write_number(row_number, col, seconds / SECONDS_PER_DAY, time_format)
            else:
                raise TypeError(f"No XLSX cell for a {type(value).__name__}")
        written += 1
        if written % REPORT_EVERY == 0:
            report(written)
    return written
