"""Real ways for the database to fail under a test: a second connection that terminates the
request's backend, and a closed port to point the app's connection at. Nothing is mocked."""

import socket
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.db import connection


def second_connection() -> psycopg.Connection:
    """A separate autocommit connection to the test database, outside Django's."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def database_url_for_tests() -> str:
    """DATABASE_URL for a process of our own (gunicorn, a queue worker) on the test database."""
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = quote(settings["HOST"] or "localhost", safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{settings['NAME']}"


def terminate_backend(pid: int) -> None:
    """Kill the server process behind one connection, as an admin or a crash would."""
    with second_connection() as other:
        [(killed,)] = other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchall()
    assert killed, f"backend {pid} was not terminated"


def closed_port() -> int:
    """A local TCP port nothing listens on (bound by the OS, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_refusing_connections():
    """Point the app's default connection at a closed port, so every (re)connect is refused at
    once, exactly as when PostgreSQL is stopped; restore it afterwards."""
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
