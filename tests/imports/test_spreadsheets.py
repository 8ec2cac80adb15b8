import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from imports.spreadsheets import FileError, parse_date, read_table, template_csv, template_xlsx


def test_it_matches_headers_ignoring_case_spaces_and_underscores():
    table = read_table("f.csv", b" FIRST  Name ,date_of_birth\nJay,31/01/2008\n")
    assert table.headers == ["first name", "date of birth"]
    assert table.rows == [(2, {"first name": "Jay", "date of birth": "31/01/2008"})]


def test_it_leaves_out_blank_rows_but_keeps_spreadsheet_row_numbers():
    table = read_table("f.csv", b"a,b\n1,2\n,\n3,4\n")
    assert [number for number, _values in table.rows] == [2, 4]


def test_it_skips_the_watermark_row_of_a_file_the_app_wrote_and_counts_it_in_row_numbers():
    table = read_table("f.csv", b'#,"OFFICIAL-SENSITIVE: x, y",Reference,z\nname\nJay\n')
    assert table.headers == ["name"]
    assert table.rows == [(3, {"name": "Jay"})]


def test_it_calls_a_file_holding_only_a_watermark_row_empty():
    with pytest.raises(FileError):
        read_table("f.csv", b"#,OFFICIAL-SENSITIVE\n")


def test_it_reads_a_windows_csv_saved_as_cp1252():
    table = read_table("f.csv", "name\nZo\u00eb\n".encode("cp1252"))
    assert table.rows[0][1]["name"] == "Zo\u00eb"


def test_it_reads_the_first_visible_sheet_of_a_workbook_with_date_cells():
    book = Workbook()
    hidden = book.active
    hidden.sheet_state = "hidden"
    sheet = book.create_sheet("clients")
    sheet.append(["Date of birth"])
    sheet.append([datetime(2008, 1, 31)])
    out = io.BytesIO()
    book.save(out)
    table = read_table("f.xlsx", out.getvalue())
    assert parse_date(table.rows[0][1]["date of birth"]) == date(2008, 1, 31)


def test_it_refuses_a_file_that_is_not_a_workbook():
    with pytest.raises(FileError):
        read_table("f.xlsx", b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize("text", ["31/01/2024", "2024-01-31", "31-01-2024", " 31/01/24 "])
def test_it_reads_uk_and_iso_dates(text):
    assert parse_date(text) == date(2024, 1, 31)


@pytest.mark.parametrize("text", ["01/31/2024", "31.01.2024", "yesterday"])
def test_it_refuses_other_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_it_writes_a_template_without_hidden_sheets_names_comments_or_author():
    book = load_workbook(io.BytesIO(template_xlsx(["A", "B"], ["1", "2"], title="clients")))
    assert [sheet.sheet_state for sheet in book.worksheets] == ["visible"]
    assert len(book.defined_names) == 0
    assert not any(cell.comment for row in book.active.iter_rows() for cell in row)
    assert book.properties.creator == "SOS Casework" and not book.properties.lastModifiedBy


def test_it_escapes_formulas_in_templates_and_unescapes_them_on_import():
    text = template_csv(["Notes"], ["=cmd|' /C calc'!A0"]).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("'=cmd")
    table = read_table("f.csv", text.encode())
    assert table.rows[0][1]["notes"] == "=cmd|' /C calc'!A0"
