import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Exports are written to a directory of their own per test."""
    settings.PRIVATE_FILES_DIR = tmp_path / "private"
