"""Reading back the watermark of a file the app produced (sos/watermark.py), in tests."""

import csv
import io
from datetime import datetime

from django.utils import timezone

from sos.watermark import COVER_TITLE, CSV_MARK, SENSITIVITY, SYSTEM, TIME_FORMAT


def csv_watermark(text: str) -> dict[str, str]:
    """The labels and values of the watermark that must be the first line of a CSV's text."""
    assert text.startswith(f"{CSV_MARK},"), text[:80]
    mark, sensitivity, *pairs = next(csv.reader(io.StringIO(text)))
    assert (mark, sensitivity) == (CSV_MARK, SENSITIVITY)
    return dict(zip(pairs[::2], pairs[1::2], strict=True))


def without_watermark(text: str) -> str:
    """A CSV's text from its header row on."""
    assert text.startswith(f"{CSV_MARK},")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out).writerows(rows[1:])
    return out.getvalue()


def xlsx_watermark(book) -> dict[str, str]:
    """The labels and values of the cover sheet that must open a workbook, first and visible."""
    cover = book.worksheets[0]
    assert (cover.title, cover.sheet_state, book.active.title) == (
        COVER_TITLE,
        "visible",
        COVER_TITLE,
    )
    # Only the cover's tab is selected: two selected tabs would be edited together.
    assert [bool(sheet.sheet_view.tabSelected) for sheet in book.worksheets][:2] == [True, False]
    (title, _), (sensitivity, _), *pairs = cover.iter_rows(values_only=True)
    assert (title, sensitivity) == (COVER_TITLE, SENSITIVITY)
    return dict(pairs)


def assert_marked(fields: dict[str, str], *, user, since: datetime, reference: str) -> None:
    """The watermark names `user`, a UK time from `since` to now, the system and `reference`."""
    assert fields["Prepared for"] == f"{user.get_full_name()} <{user.email}>"
    shown, _zone = fields["Prepared at"].split(" UK time ")
    at = timezone.make_aware(datetime.strptime(shown, TIME_FORMAT))
    assert since.replace(microsecond=0) <= at <= timezone.now()
    assert fields["System"] == SYSTEM
    assert fields["Reference"] == reference
