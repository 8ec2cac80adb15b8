"""The columns of a clients-with-cases file, and turning one row into the two web forms."""

from django.db.models import TextChoices

from clients.models import Ethnicity, Gender
from imports.kinds.base import Column, RowError, choice_value, find_columns
from imports.kinds.client_forms import CaseImportForm, ClientImportForm, LoadedChoiceField
from imports.spreadsheets import cell_text, parse_date

# One row per case; a young person with two cases has two rows with the same details.
# Every example value is synthetic (.invalid email, Ofcom drama phone number, ZZ99 postcode).
CLIENT_COLUMNS = [
    Column("first_name", "First name", True, "Jordan"),
    Column("last_name", "Last name", True, "Example"),
    Column("preferred_name", "Preferred name", False, "Jay"),
    Column("date_of_birth", "Date of birth", True, "04/05/2008"),
    Column("confirm_unusual_age", "Confirm unusual age", False, "no"),
    Column("gender", "Gender", True, "Male"),
    Column("ethnicity", "Ethnicity", True, "Mixed or multiple ethnic groups"),
    Column("ethnicity_detail", "Ethnicity detail"),
    Column("borough", "Borough", True, "Southwark"),
    Column("phone", "Phone", False, "07700 900123"),
    Column("email", "Email", False, "jordan.example@example.invalid"),
    Column("address", "Address", False, "1 Example Street, London"),
    Column("postcode", "Postcode", False, "ZZ99 9ZZ"),
    Column("pnc_id", "PNC ID", False, "08/123456X"),
    Column("prison_number", "Prison number", False, "A1234BC"),
    Column("special_category_notes", "Special category notes"),
]
CASE_COLUMNS = [
    Column("referral_date", "Referral date", True, "15/01/2024"),
    Column("referral_source", "Referral source", True, "Youth offending team"),
    Column("referrer", "Referred by", False, "A. Officer, YOT"),
    Column("referral_reason", "Reason for referral"),
    Column("in_custody_at_referral", "In custody at referral", False, "no"),
    Column("establishment", "Custodial establishment"),
    Column("expected_release_date", "Expected release date"),
    Column("caseworker", "Caseworker email"),
    Column("index_date", "Start of support", False, "22/01/2024"),
    Column("closure_date", "Closure date"),
    Column("closure_reason", "Closure reason"),
    Column("closure_notes", "Closure notes"),
]
COLUMNS = CLIENT_COLUMNS + CASE_COLUMNS
HEADERS = {column.field: column.header for column in COLUMNS}

DATE_FIELDS = {
    "date_of_birth",
    "referral_date",
    "expected_release_date",
    "index_date",
    "closure_date",
}
YES_NO_FIELDS = {"confirm_unusual_age", "in_custody_at_referral"}
CHOICE_FIELDS: dict[str, type[TextChoices]] = {"gender": Gender, "ethnicity": Ethnicity}
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


def column_index(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    return find_columns(COLUMNS, headers)


def _convert(field: str, raw: object) -> str:
    """The cell as form data; raises ValueError with the reason when it cannot be."""
    if field in DATE_FIELDS:
        day = parse_date(raw)  # its ValueError says why, showing the value
        return day.isoformat() if day else ""
    text = cell_text(raw)
    if field in YES_NO_FIELDS:
        if text.lower() in YES:
            return "on"
        if text.lower() in NO or not text:
            return ""
        raise ValueError("Use yes or no.")
    if field in CHOICE_FIELDS and text:
        return choice_value(CHOICE_FIELDS[field], text)
    return text


def bind_row(
    number: int,
    values: dict[str, object],
    found: dict[str, str],
    *,
    user,
    choices: dict[str, LoadedChoiceField],
) -> tuple[ClientImportForm, CaseImportForm, set[str], list[RowError]]:
    """The row bound to the person and case forms, the fields given a value, and conversion
    errors (a column that failed conversion is left out of the form data)."""
    data, given, errors = {}, set(), []
    for field, key in found.items():
        try:
            data[field] = _convert(field, values.get(key))
        except ValueError as error:
            errors.append(RowError(number, HEADERS[field], str(error)))
            continue
        if data[field]:
            given.add(field)
    client_choices = {"borough": choices["borough"]}
    case_choices = {k: v for k, v in choices.items() if k != "borough"}
    client_form = ClientImportForm(data, user=user, choices=client_choices)
    case_form = CaseImportForm(data, user=user, choices=case_choices)
    return client_form, case_form, given, errors
