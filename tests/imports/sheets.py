"""Build synthetic import files in tests: rows as {header: value}, written as CSV or XLSX."""

import csv
import io
from datetime import date, timedelta

from openpyxl import Workbook

from imports.kinds.client_rows import COLUMNS
from imports.kinds.session_rows import COLUMNS as SESSION_COLUMNS

HEADERS = [column.header for column in COLUMNS]


def client_row(n: int = 0, **overrides) -> dict:
    """A valid row for a made-up young person number `n` in Southwark."""
    row = {
        "First name": f"Test{n}",
        "Last name": "Example",
        "Date of birth": "04/05/2008",
        "Gender": "Male",
        "Ethnicity": "Mixed or multiple ethnic groups",
        "Borough": "Southwark",
        "PNC ID": f"08/{n:06d}X",
        "Referral date": "15/01/2024",
        "Referral source": "Youth offending team",
        "Start of support": "2024-01-22",
    }
    return {**row, **overrides}


def csv_file(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_file(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DOB = date(2008, 5, 4)


SESSION_HEADERS = [column.header for column in SESSION_COLUMNS]


def session_row(n: int = 0, **overrides) -> dict:
    """A valid row: session number `n` (a distinct date and start time) for young person 08/000001X,
    whose case was referred on 15/01/2024, logged by staff-alice@example.invalid."""
    row = {
        "PNC ID": "08/000001X",
        "Session date": f"{date(2024, 2, 1) + timedelta(days=n // 100):%d/%m/%Y}",
        "Start time": f"{9 + n % 100 // 60:02d}:{n % 60:02d}",
        "Duration minutes": "60",
        "Contact type": "Face to face",
        "Attendance": "Attended",
        "Interventions": "CV workshop; housing application",
        "Caseworker email": "staff-alice@example.invalid",
    }
    return {**row, **overrides}
