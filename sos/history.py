"""What every audit event table (pghistory) shares beyond pghistory's own columns."""

from django.contrib.postgres.indexes import BrinIndex


def event_meta() -> dict:
    """Meta options for a pghistory event model: a BRIN index on pgh_created_at.

    Events are only ever appended (PGHISTORY_APPEND_ONLY) and stamped as they are written, so
    the table is in pgh_created_at order on disk, and a BRIN index of a few pages (one summary
    per 128 pages of rows) narrows a date range of history as well as a B-tree a thousand times
    its size. A new dict and index each call: Django names an index after its model."""
    return {"indexes": [BrinIndex(fields=["pgh_created_at"])]}
