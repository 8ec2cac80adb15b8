"""Writing a full export: one ZIP of CSV files and a README.txt, streamed to disk table by
table and chunk by chunk, so memory stays flat however large the database."""

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone

from exports.tables import Table
from sos.spreadsheets import FORMULA_STARTS, csv_writer
from sos.watermark import CSV_MARK, Watermark

# Called with the rows written so far, every REPORT_EVERY rows and at the end.
Report = Callable[[int], None]
REPORT_EVERY = 2000


def cell(value: object) -> str:
    """A value as text: dates as 2024-01-31, times as 14:30, yes/no, blank for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def write_zip(path: Path, tables: list[Table], *, report: Report, watermark: Watermark) -> int:
    """Write every table and the README to `path`; returns the rows written. The README and the
    first row of every CSV carry `watermark`, so a copy found elsewhere, even of one file, says
    whose it was."""
    written = 0
    counts = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            before = written
            with archive.open(table.file_name, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv_writer(text)
                writer.writerow(watermark.csv_row())
                writer.writerow([column.header for column in table.columns])
                for row in table.rows():
                    writer.writerow([cell(value) for value in row])
                    written += 1
                    if written % REPORT_EVERY == 0:
                        report(written)
                text.flush()
                text.detach()
            counts[table.file_name] = written - before
        archive.writestr("README.txt", readme(tables, counts, watermark=watermark))
    report(written)
    return written


def readme(tables: list[Table], counts: dict[str, int], *, watermark: Watermark) -> str:
    starts = " ".join(repr(start) for start in FORMULA_STARTS)
    lines = [
        "SOS Casework: full export",
        *watermark.lines(),
        "",
        "Personal and criminal-offence data about young people. Keep this file encrypted,",
        "share it with no one who does not need it, and delete it when done.",
        "",
        "Every file is CSV, UTF-8 with a byte-order mark. Its first row is the watermark above:",
        f"a first cell {CSV_MARK!r}, then the sensitivity line and each label and value; the",
        "second row is the header row. Dates are written 2024-01-31, times 14:30, date-times",
        "ISO 8601 in UK time, true/false as yes/no.",
        f"A cell beginning with one of {starts} has a single quote (') put before it, so a",
        "spreadsheet never runs it as a formula; the importer removes that quote again.",
        "",
        "To load the records into SOS Casework again (the importer skips the watermark row):",
        "import clients.csv as 'Young people with their cases', then sessions.csv as 'One-to-one",
        "sessions' (the import page, or manage.py import_records FILE --kind clients|sessions",
        "--as EMAIL --commit).",
        "The columns after the import template's are ids for joining the files; the importer",
        "ignores them. Other files are not imported; their *_id columns are ids of rows in the",
        "file named in the column's description.",
        "",
    ]
    for table in tables:
        lines += [f"{table.file_name} ({counts.get(table.file_name, 0)} rows)", table.description]
        lines += [f"  {column.header}: {column.description}" for column in table.columns]
        lines.append("")
    return "\n".join(lines)
