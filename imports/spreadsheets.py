"""Reading an uploaded CSV or XLSX into rows keyed by column, and writing templates.

Headers match case-, space- and underscore-insensitively ("First name", "first_name" and
" FIRST  NAME " are one column); dates come as 31/01/2024, 2024-01-31 or Excel date cells.
"""

import calendar
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook, load_workbook

from sos.spreadsheets import csv_writer, safe_cell, unescape_cell
from sos.watermark import is_watermark_row

XLSX_MAGIC = b"PK\x03\x04"
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y"]
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP).


class FileError(Exception):
    """The file as a whole cannot be read (not CSV or XLSX, no header row, ...)."""


@dataclass(frozen=True)
class Table:
    """The rows of a file: `rows` yields (spreadsheet row number, {header key: cell value})."""

    headers: list[str]
    rows: list[tuple[int, dict[str, object]]]


def header_key(text: object) -> str:
    """The form a header is matched in: lower case, runs of spaces and underscores as one."""
    return re.sub(r"[\s_]+", " ", str(text or "")).strip().lower()


def read_table(file_name: str, content: bytes) -> Table:
    """Rows of the first worksheet of an XLSX, or of a CSV; blank rows are left out."""
    if content.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx"):
        lines = _xlsx_lines(content)
    else:
        lines = _csv_lines(content)
    try:
        header = next(lines)
        # A file the app wrote (a full export) starts with its watermark row.
        first_row = 2
        if is_watermark_row(header):
            header, first_row = next(lines), 3
    except StopIteration:
        raise FileError("The file is empty.") from None
    headers = [header_key(cell) for cell in header]
    rows = []
    for number, cells in enumerate(lines, start=first_row):
        values = dict(zip(headers, map(unescape_cell, cells), strict=False))
        if any(_present(value) for value in values.values()):
            rows.append((number, values))
    return Table(headers=headers, rows=rows)


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    # Excel on Windows saves "CSV" as cp1252 unless asked for UTF-8; accept both.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    yield from csv.reader(io.StringIO(text, newline=""))


# An XLSX is a zip archive: a small upload can inflate to gigabytes (a zip bomb: 1 MB that
# unpacked to 1 GB held the server for 28 s and 1.2 GB of memory). Real workbooks of 10 MB
# unpack to a few tens of MB at ratios below about 30; these limits leave room above that.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1000
# Small members (styles, a short sheet) compress far better than data does; their ratio is
# not a risk, so it is judged only above this size.
RATIO_FLOOR_BYTES = 1024 * 1024


def check_archive(content: bytes) -> None:
    """Raise FileError unless the XLSX archive's members, their total and their compression
    ratios are within the limits above, judged from the archive's directory before anything
    is unpacked. The declared sizes bind: Python's zipfile, which openpyxl reads through,
    stops a member at its declared size and then fails its checksum."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileError("The file is not a CSV or an Excel (.xlsx) workbook.") from error
    too_big = "The workbook unpacks to more than {limit} MB: save it as CSV, or ask an admin."
    if len(members) > MAX_MEMBERS:
        raise FileError("The workbook has too many parts to be a spreadsheet.")
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise FileError(too_big.format(limit=MAX_MEMBER_BYTES // 2**20))
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise FileError(
                "The workbook is compressed far more than spreadsheets are (a zip bomb?): "
                "it was not opened."
            )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise FileError(too_big.format(limit=MAX_UNPACKED_BYTES // 2**20))


def _xlsx_lines(content: bytes) -> Iterator[tuple]:
    check_archive(content)
    # read_only streams the sheet; with defusedxml installed openpyxl refuses XML bombs.
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileError("The file is not a CSV or an Excel (.xlsx) workbook.") from error
    try:
        sheet = next(s for s in book.worksheets if s.sheet_state == "visible")
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


# The shapes DATE_FORMATS accept, as (pattern, order of its day, month and year groups).
DATE_SHAPES = [
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})"), "dmy"),
]


def not_a_date(text: str) -> str:
    """Why `text` is not a date, showing it: a date in an accepted shape that does not
    exist ("31/02/2008") is said to be so, rather than asked for in another shape."""
    for pattern, order in DATE_SHAPES:
        match = pattern.fullmatch(text)
        if not match:
            continue
        parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
        year = (
            parts["y"] if parts["y"] >= 100 else datetime.strptime(f"{parts['y']:02d}", "%y").year
        )
        if not 1 <= parts["m"] <= 12:
            return f"{text} is not a real date: there is no month {parts['m']}."
        days = calendar.monthrange(year, parts["m"])[1]
        if not 1 <= parts["d"] <= days:
            month = date(year, parts["m"], 1)
            return f"{text} is not a real date: {month:%B %Y} has {days} days."
    return f'"{text}" is not a date: use a date like 31/01/2024 or 2024-01-31.'


def parse_date(value: object) -> date | None:
    """A date from a cell; None when blank. Raises ValueError saying why for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(not_a_date(text))


def cell_text(value: object) -> str:
    """A cell as the text a form field expects: whole numbers without '.0', trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def template_csv(headers: list[str], example: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(headers)
    writer.writerow(example)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(headers: list[str], example: list[str], title: str) -> bytes:
    """One visible sheet, no defined names, comments or personal author metadata (SECURITY.md)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([safe_cell(value) for value in headers])
    sheet.append([safe_cell(value) for value in example])
    book.properties.creator = "SOS Casework"  # never a person's name
    book.properties.lastModifiedBy = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
