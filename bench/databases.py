"""The bench databases: separate from the app's own (demo data stays untouched), on the same
PostgreSQL server as DATABASE_URL, or the embedded one when DATABASE_URL is not set."""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg


def server_url() -> str:
    """DATABASE_URL, or the embedded server's (started if need be)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from sos.embedded_db import start

    return start()


def url_for(name: str) -> str:
    """The URL of database `name` on the same server as server_url()."""
    parts = urlsplit(server_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str):
    return psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True)


def label(name: str) -> str | None:
    """The seed_scale label of database `name` (its COMMENT), or None if it does not exist."""
    with _admin(url_for(name)) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return None if row is None else row[0] or ""


def recreate(name: str) -> str:
    """Drop database `name` if it exists and create it empty; return its URL."""
    url = url_for(name)
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url
