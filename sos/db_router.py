"""Heavy report reads on a PostgreSQL read replica (DATABASE_REPLICA_URL, README "Read replica").

Design: a router that sends reads to the replica only inside `report_reads()`, a block the
report builders open around their own queries (the monthly return's figures and drill-down
lists, the borough evaluation, the Justice Data Lab cohort, the full export's table reads).
Everything else reads and writes the primary.

Why not a blanket "every read to the replica" router: a replica lags the primary, so a session
a caseworker has just saved, a sign-in just made or an audit row just written could be missing
from the very next page. Report figures tolerate seconds of lag; a caseworker's own record does
not. Why not `.using()` on every report queryset: a report reads dozens of querysets (and
reference tables) across apps, and the monthly return's selectors are the same code the
sign-off freezes from the primary; one block at each entry point says where a report starts
and ends, and no queryset inside it can be forgotten.

Inside the block a read still goes to the primary when the primary connection is in a
transaction: a transaction that writes must read its own writes, which the replica has not yet
seen (signing a return off reads the figures it freezes inside its transaction, so it always
freezes the primary's figures, whoever calls it). Writes always go to the primary.

The router is installed only when DATABASE_REPLICA_URL is set; without it there is one database
and `report_reads()` changes nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)


@contextmanager
def report_reads() -> Iterator[None]:
    """Within this block, reads outside a transaction go to the replica (when there is one)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


class ReportReplicaRouter:
    """Report reads to the replica alias, everything else to the primary (see above)."""

    def db_for_read(self, model, **hints) -> str:
        if _reading_reports.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        # Explicitly the primary, even for a row loaded from the replica: its related rows
        # read later, outside the report, must not be older than the page around them.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # One database and its copy: a row from either may point at a row from the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica copies the primary's schema; migrations run on the primary only.
        return db == DEFAULT_DB_ALIAS
