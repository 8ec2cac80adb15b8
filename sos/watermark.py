"""The watermark on every file of personal data the app produces (SECURITY.md, issue #7): who it
was prepared for, when, by which system, how sensitive it is, and the audit record of the
download or export it came from, so a copy found anywhere says whose it was and where to look.

The one place its text is made. A CSV carries it as its first row, marked by a first cell of
"#" (readers see it before the header row; the importer skips it); an XLSX as a visible first
sheet; a ZIP's README as its opening lines. Every cell goes through `safe_cell`, so a name
starting with "=" is never run as a formula.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from sos.spreadsheets import safe_cell

SYSTEM = "SOS Casework"
SENSITIVITY = "OFFICIAL-SENSITIVE: personal data about young people, do not share"
# The first cell of a CSV's watermark row. A header row never starts with it.
CSV_MARK = "#"
COVER_TITLE = "About this file"
# Seconds included: the reference is exact, but the time lets a reader order copies by eye.
TIME_FORMAT = "%d %b %Y %H:%M:%S"


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines and tabs included) as one space, so a
    name cannot start a line of its own that reads as another part of the watermark."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Watermark:
    """Who a file was prepared for and when, and `reference`: the audit record behind it
    ("Justice Data Lab export 12", "access record 345", "full export 7")."""

    prepared_for: str
    prepared_at: datetime
    reference: str

    @classmethod
    def for_user(cls, user, *, at: datetime, reference: str) -> "Watermark":
        return cls(one_line(f"{user.get_full_name()} <{user.email}>"), at, one_line(reference))

    def fields(self) -> list[tuple[str, str]]:
        """(label, value) pairs as plain text, times in UK time (GMT or BST, as it was)."""
        local = timezone.localtime(self.prepared_at)
        return [
            ("Prepared for", self.prepared_for),
            ("Prepared at", f"{local:{TIME_FORMAT}} UK time ({local:%Z})"),
            ("System", SYSTEM),
            ("Reference", self.reference),
        ]

    def lines(self) -> list[str]:
        """The watermark as lines of plain text, for a README."""
        return [SENSITIVITY, *(f"{label}: {value}" for label, value in self.fields())]

    def csv_row(self) -> list[str]:
        """The first row of a CSV: the mark, the sensitivity line, then each label and value."""
        cells = [SENSITIVITY]
        for label, value in self.fields():
            cells += [label, value]
        return [CSV_MARK, *(safe_cell(cell) for cell in cells)]

    def add_cover_sheet(self, book: Workbook) -> None:
        """Put a visible "About this file" sheet first in `book` and open the book on it."""
        cover = book.create_sheet(COVER_TITLE, 0)
        cover.append([COVER_TITLE])
        cover.append([SENSITIVITY])
        for label, value in self.fields():
            cover.append([label, safe_cell(value)])
        cover["A1"].font = cover["A2"].font = Font(bold=True)
        cover.column_dimensions["A"].width = 16
        cover.column_dimensions["B"].width = 48
        book.active = 0
        # Only the cover's tab selected: two selected tabs are grouped, and an edit to one
        # would be made to both.
        for sheet in book.worksheets:
            sheet.sheet_view.tabSelected = sheet is cover


def is_watermark_row(cells) -> bool:
    """Whether a row read from a CSV is the watermark the app writes first."""
    return bool(cells) and cells[0] == CSV_MARK
