"""The columns of a sessions file, and turning one row into the session form's data."""

from datetime import date, datetime, time

from casework.forms.duration import OTHER, QUICK_DURATIONS
from casework.models import Attendance, ContactType
from clients.models.client import normalise_identifier
from imports.kinds.base import Column, RowError, choice_value
from imports.spreadsheets import cell_text, parse_date

# One row per session. The young person is found by PNC ID, else by first name, last name and
# date of birth; the case by its referral date, else the case open on the session date.
# Every example value is synthetic.
COLUMNS = [
    Column("pnc_id", "PNC ID", False, "08/123456X"),
    Column("first_name", "First name", False, "Jordan"),
    Column("last_name", "Last name", False, "Example"),
    Column("date_of_birth", "Date of birth", False, "04/05/2008"),
    Column("referral_date", "Referral date", False, "15/01/2024"),
    Column("date", "Session date", True, "22/01/2024"),
    Column("start_time", "Start time", False, "14:30"),
    Column("duration", "Duration minutes", True, "60"),
    Column("contact_type", "Contact type", True, "Face to face"),
    Column("attendance", "Attendance", True, "Attended"),
    Column("location", "Location", False, "Youth centre"),
    Column("interventions", "Interventions", False, "CV workshop; Housing application"),
    Column("notes", "Notes"),
    Column("next_action", "Next action"),
    Column("next_action_due", "Next action due"),
    Column("logged_by", "Caseworker email", True, "caseworker@example.invalid"),
]
HEADERS = {column.field: column.header for column in COLUMNS}
# The session form's own field names, reported against the column they came from.
HEADERS.update(duration_choice=HEADERS["duration"], duration_other=HEADERS["duration"])

IDENTITY_FIELDS = ["pnc_id", "first_name", "last_name", "date_of_birth", "referral_date"]
DATE_FIELDS = {"date_of_birth", "referral_date", "date", "next_action_due"}
CHOICE_FIELDS = {"contact_type": ContactType, "attendance": Attendance}


def _convert(field: str, raw: object) -> object:
    """The cell as a Python value (identity columns) or form data; raises ValueError with the
    reason when it cannot be."""
    if field in DATE_FIELDS:
        return parse_date(raw)  # its ValueError says why, showing the value
    if field == "start_time" and isinstance(raw, datetime | time):
        return f"{raw:%H:%M}"  # an Excel time cell
    text = cell_text(raw)
    if field == "pnc_id":
        return normalise_identifier(text)
    if field == "duration" and text and not text.isdigit():
        raise ValueError("Give the length in whole minutes, like 45.")
    if field in CHOICE_FIELDS and text:
        return choice_value(CHOICE_FIELDS[field], text)
    return text


def read_row(
    number: int, values: dict[str, object], found: dict[str, str]
) -> tuple[dict, list[RowError]]:
    """{field: value} for every column (absent ones blank) and the conversion errors."""
    row, errors = {}, []
    for column in COLUMNS:
        key = found.get(column.field)
        try:
            row[column.field] = _convert(column.field, values.get(key) if key else None)
        except ValueError as error:
            errors.append(RowError(number, column.header, str(error)))
            row[column.field] = None if column.field in DATE_FIELDS else ""
    return row, errors


def form_data(row: dict) -> dict:
    """The session form's data from a read row: the duration becomes the form's quick choice
    or its "other" box, exactly as a caseworker would have entered it."""
    data = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in row.items()
        if name not in IDENTITY_FIELDS and name not in ("duration", "logged_by")
    }
    minutes = row["duration"]
    if minutes and int(minutes) in QUICK_DURATIONS:
        data["duration_choice"] = str(int(minutes))
    elif minutes:
        data.update(duration_choice=OTHER, duration_other=minutes)
    return data
