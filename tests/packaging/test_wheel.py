"""A wheel that runs anywhere: the README's production recipe, away from the checkout.

The project is copied without its tests, docs, bench and local state, built into a wheel, and
the wheel installed into a fresh virtualenv (its dependencies from the package index, as in
production). From a folder outside the checkout, with production settings, it must pass
`check --deploy`, migrate an empty database, collect its static files and serve the sign-in
page with the site's own template and stylesheet, and /health/. The database is a new one on
the test server, dropped afterwards.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Everything a developer has that production does not; what is left must be enough.
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", ".data", "tests", "docs", "bench", "build", "*.egg-info", "__pycache__"
)
# Run by the installed interpreter, from outside the checkout: where the app and its templates
# were loaded from, and what it served (the sign-in page, each stylesheet it links, /health/).
PAGES = """
import json, re, django
django.setup()
import sos
from django.conf import settings
from django.template.loader import get_template
from django.test import Client
client = Client()
login = client.get("/accounts/login/", secure=True)
names = ("registration/login.html", "base.html")
links = re.findall(r'href="(/static/[^"]+[.]css)"', login.content.decode())
print(json.dumps({
    "sos": sos.__file__,
    "data_dir": str(settings.DATA_DIR),
    "login": login.status_code,
    "templates": [get_template(name).origin.name for name in names],
    "title": re.search(r"<title>(.*?)</title>", login.content.decode(), re.S).group(1).strip(),
    "stylesheets": {url: client.get(url, secure=True).status_code for url in links},
    "health": client.get("/health/", secure=True).status_code,
}))
"""


def run(command: list, **kwargs) -> str:
    # Only the fixed commands below, on files this test made: nothing untrusted is run.
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def empty_database():
    """The URL of a new, empty database on the test server; dropped afterwards."""
    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"sos_wheel_{secrets.token_hex(4)}"
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(server._replace(path=f"/{name}"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_it_runs_from_the_installed_wheel_alone(tmp_path, empty_database):
    assert not tmp_path.is_relative_to(ROOT)
    source, dist, venv, here = (tmp_path / name for name in ("src", "dist", "venv", "run"))
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source])
    (wheel,) = dist.glob("sos_casework-*.whl")
    _assert_it_ships_every_template_and_static_file(wheel)

    run([sys.executable, "-m", "venv", venv])
    run([venv / "bin" / "pip", "install", "-q", wheel])
    here.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "DATABASE_REPLICA_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "sos.settings",
        "DATABASE_URL": empty_database,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_FILES_DIR": str(tmp_path / "private"),
    }
    django_admin = venv / "bin" / "django-admin"
    for command in (
        ["check", "--deploy", "--fail-level", "WARNING"],
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
    ):
        run([django_admin, *command], cwd=here, env=env)

    served = json.loads(run([venv / "bin" / "python", "-c", PAGES], cwd=here, env=env))
    installed = venv.resolve()
    assert Path(served["sos"]).resolve().is_relative_to(installed)
    # Defaults for files the app writes: the folder it runs in, never the installed package.
    assert Path(served["data_dir"]).resolve() == here.resolve() / ".data"
    assert served["login"] == 200
    package = installed / _site_packages(venv) / "sos"
    assert [Path(name).resolve() for name in served["templates"]] == [
        package / "templates/registration/login.html",
        package / "templates/base.html",
    ]
    assert "SOS Casework" in served["title"]
    # The site's own stylesheet, with its content hash (collected, compressed, served).
    own = r"/static/css/sos\.[0-9a-f]{12}\.css"
    assert any(re.fullmatch(own, url) for url in served["stylesheets"])
    assert set(served["stylesheets"].values()) == {200}
    assert served["health"] == 200


def _site_packages(venv: Path) -> Path:
    (found,) = venv.resolve().glob("lib/python3*/site-packages")
    return found.relative_to(venv.resolve())


def _assert_it_ships_every_template_and_static_file(wheel: Path) -> None:
    in_checkout = {
        path.relative_to(ROOT).as_posix()
        for folder in ("sos/templates", "sos/static")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    }
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    assert in_checkout - in_wheel == set()
    assert {"audit/models.py", "gdpr/models.py", "sos/settings.py"} <= in_wheel
    assert not [name for name in in_wheel if name.startswith(("tests/", "bench/"))]
