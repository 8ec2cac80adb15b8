"""Cells safe to put in any CSV or XLSX the app produces.

A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by
spreadsheet programs: prefixing a single quote makes it plain text (OWASP "CSV injection").
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
