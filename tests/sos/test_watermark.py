"""The watermark's text: one line, UK time, every cell safe in a spreadsheet."""

import csv
import io
from datetime import UTC, datetime

from openpyxl import Workbook

from sos.watermark import COVER_TITLE, SENSITIVITY, Watermark, is_watermark_row
from tests.factories import UserFactory

SUMMER = datetime(2026, 7, 1, 11, 5, 9, tzinfo=UTC)
WINTER = datetime(2026, 1, 15, 11, 5, 9, tzinfo=UTC)


def test_it_names_the_person_the_time_in_uk_time_the_system_and_the_reference(db):
    user = UserFactory(first_name="Ada", last_name="Lovelace", email="ada@example.invalid")
    watermark = Watermark.for_user(user, at=SUMMER, reference="full export 7")
    assert watermark.lines() == [
        SENSITIVITY,
        "Prepared for: Ada Lovelace <ada@example.invalid>",
        "Prepared at: 01 Jul 2026 12:05:09 UK time (BST)",
        "System: SOS Casework",
        "Reference: full export 7",
    ]
    winter = Watermark.for_user(user, at=WINTER, reference="full export 7")
    assert winter.fields()[1] == ("Prepared at", "15 Jan 2026 11:05:09 UK time (GMT)")


def test_it_keeps_a_name_with_line_breaks_on_one_line(db):
    user = UserFactory(first_name="Ada\nReference: full export 1\r\n", last_name="Lovelace")
    watermark = Watermark.for_user(user, at=WINTER, reference="access record 3")
    assert watermark.prepared_for.startswith("Ada Reference: full export 1 Lovelace <")
    out = io.StringIO()
    csv.writer(out).writerow(watermark.csv_row())
    assert out.getvalue().count("\n") == 1


def test_it_escapes_every_cell_a_spreadsheet_would_run_as_a_formula(db):
    user = UserFactory(first_name='=HYPERLINK("http://evil.invalid","x")', last_name="Smith")
    watermark = Watermark.for_user(user, at=WINTER, reference="@SUM(A1)")
    row = watermark.csv_row()
    assert row[row.index("Prepared for") + 1].startswith("'=HYPERLINK(")
    assert row[row.index("Reference") + 1] == "'@SUM(A1)"
    book = Workbook()
    watermark.add_cover_sheet(book)
    cover = dict(book[COVER_TITLE].iter_rows(min_row=3, values_only=True))
    assert cover["Prepared for"].startswith("'=HYPERLINK(")
    assert cover["Reference"] == "'@SUM(A1)"


def test_it_tells_its_csv_row_from_a_header_row(db):
    watermark = Watermark.for_user(UserFactory(), at=WINTER, reference="full export 7")
    assert is_watermark_row(watermark.csv_row())
    assert not is_watermark_row(["First name", "Last name"])
    assert not is_watermark_row([])
