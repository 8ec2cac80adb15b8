"""A workbook that inflates far beyond its upload size (a zip bomb) is refused beside the file
field before anything unpacks it (issue 14.4): by a member's size, the archive's total and the
compression ratio. The bombs are real XLSX files whose sheet is padded with XML whitespace, so
they would parse; they stay a few hundred KB in memory and nothing is written to disk."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import spreadsheets
from imports.models import ImportRun
from imports.spreadsheets import FileError, read_table
from tests.imports.sheets import client_row, xlsx_file

SHEET = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024


def padded(workbook: bytes, padding_bytes: int, member: str = SHEET) -> bytes:
    """`workbook` with `padding_bytes` of spaces after the first tag of `member`,
    streamed into the archive one megabyte at a time."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != member:
                bomb.writestr(info.filename, data)
                continue
            opening, rest = data.split(b">", 1)
            with bomb.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(opening + b">")
                for start in range(0, padding_bytes, MB):
                    sheet.write(b" " * min(MB, padding_bytes - start))
                sheet.write(rest)
    return out.getvalue()


def upload(client, content: bytes):
    data = {"kind": "clients", "file": SimpleUploadedFile("records.xlsx", content)}
    return client.post(reverse("imports:start"), data)


@pytest.fixture
def workbook():
    return xlsx_file([client_row(1)])


def test_it_refuses_a_sheet_that_unpacks_past_the_member_limit(client, login, manager, workbook):
    bomb = padded(workbook, spreadsheets.MAX_MEMBER_BYTES + MB)
    assert len(bomb) < spreadsheets.MAX_MEMBER_BYTES // 100  # small upload, big inflation
    login(manager)
    started = time.monotonic()
    response = upload(client, bomb)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "unpacks to more than 100 MB" in str(response.context["form"].errors["file"])
    assert not ImportRun.objects.exists()


def test_it_refuses_a_compression_ratio_no_spreadsheet_has(client, login, manager, workbook):
    bomb = padded(workbook, 5 * MB)
    login(manager)
    response = upload(client, bomb)
    assert "compressed far more than spreadsheets are" in str(
        response.context["form"].errors["file"]
    )
    assert not ImportRun.objects.exists()


def test_it_refuses_parts_that_unpack_past_the_total(client, login, manager, workbook, monkeypatch):
    # Two parts each under the member limit and the ratio floor, together over the total.
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", MB)
    bomb = padded(padded(workbook, 600 * 1024), 600 * 1024, member="xl/styles.xml")
    login(manager)
    response = upload(client, bomb)
    assert "unpacks to more than 1 MB" in str(response.context["form"].errors["file"])
    assert not ImportRun.objects.exists()


def test_it_still_previews_an_ordinary_workbook(client, login, manager, southwark, workbook):
    login(manager)
    response = upload(client, padded(workbook, 64 * 1024))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{run.pk}/")


def test_it_refuses_a_bomb_given_to_the_command_line_import_too(workbook):
    with pytest.raises(FileError):
        read_table("records.xlsx", padded(workbook, 5 * MB))
