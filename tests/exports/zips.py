"""Reading an export's ZIP back in tests."""

import csv
import io
import zipfile
from pathlib import Path


def read_csv(path: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
