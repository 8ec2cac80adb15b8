"""A client's change history (its own page, /clients/<pk>/history/), read from the audit tables
(pghistory), newest first, a page at a time."""

from dataclasses import dataclass
from datetime import datetime

from pghistory.models import MiddlewareEvents

from clients.models import Client
from sos.keyset import KeysetPage, keyset_page

ACTIONS = {"insert": "added", "update": "changed", "delete": "deleted"}
# Bookkeeping columns that change on every save and say nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at"}
CHANGES_PER_PAGE = 50
# Newest first; events of one transaction share a time, and pgh_id repeats across the event
# tables, so the key ends in pgh_slug (table and id), unique across them all.
ORDER = ["-pgh_created_at", "-pgh_id", "-pgh_slug"]
RECORD_NAMES = {
    "Client": "Personal details",
    "Case": "Support episode",
    "Offence": "Offence",
    "Consent": "Consent",
    "RiskFlag": "Risk flag",
}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    record: str
    action: str
    fields: list[str]


def client_history(
    client: Client, *, after: str = "", before: str = "", size: int = CHANGES_PER_PAGE
) -> KeysetPage:
    """A page of the changes to `client` and every record about them: who, when, which record
    and which fields (names only; the values stay on the page they belong to). An update that
    changed only bookkeeping columns is left out, so a page may show fewer than `size` rows."""
    events = MiddlewareEvents.objects.references(client).select_related("user")
    page = keyset_page(events, ORDER, size=size, after=after, before=before)
    page.rows = [change for event in page.rows if (change := _change(event))]
    return page


def _change(event) -> Change | None:
    label = event.pgh_model.split(".")[-1].removesuffix("Event")
    fields = sorted(set(event.pgh_diff or {}) - HIDDEN_FIELDS)
    if event.pgh_label == "update" and not fields:
        return None
    return Change(
        when=event.pgh_created_at,
        who=str(event.user) if event.user else "System",
        record=RECORD_NAMES.get(label, label),
        action=ACTIONS.get(event.pgh_label, event.pgh_label),
        fields=[field.replace("_", " ") for field in fields],
    )
