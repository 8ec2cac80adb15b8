"""XLSX hygiene (SECURITY.md): what every workbook the app writes must not hide."""


def assert_clean_workbook(book) -> None:
    """No hidden sheets, defined names, comments or formulas, and the app as the author."""
    assert [sheet.sheet_state for sheet in book.worksheets] == ["visible"] * len(book.worksheets)
    assert len(book.defined_names) == 0
    assert all(not sheet.defined_names for sheet in book.worksheets)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.comment is None for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
    assert book.properties.creator == "SOS Casework"
    assert book.properties.lastModifiedBy in (None, "SOS Casework")
