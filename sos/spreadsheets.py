"""Cells safe to put in any CSV or XLSX the app produces.

A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by
spreadsheet programs: prefixing a single quote makes it plain text (OWASP "CSV injection";
SECURITY.md). The one place the escaping lives; `unescape_cell` undoes it when a file the app
wrote is imported back.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(value):
    """The cell as it was before `safe_cell`: a quote added before a formula start is dropped."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_writer(out):
    """A csv.writer whose every cell goes through `safe_cell`."""
    return SafeWriter(csv.writer(out))


class SafeWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([safe_cell(value) for value in row])
