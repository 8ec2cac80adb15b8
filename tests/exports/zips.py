"""Reading an export's ZIP back in tests."""

import csv
import io
import zipfile
from pathlib import Path

from tests.watermarks import without_watermark


def text_of(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8-sig")


def read_csv(path: Path, name: str) -> list[dict]:
    """The rows of one CSV of the export, after its watermark row, keyed by header."""
    return list(csv.DictReader(io.StringIO(without_watermark(text_of(path, name)))))


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
