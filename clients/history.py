"""The change history shown on a client's page, read from the audit tables (pghistory)."""

from dataclasses import dataclass
from datetime import datetime

from pghistory.models import MiddlewareEvents

from clients.models import Client

ACTIONS = {"insert": "added", "update": "changed", "delete": "deleted"}
# Bookkeeping columns that change on every save and say nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at"}
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


def client_history(client: Client, *, limit: int = 50) -> list[Change]:
    """The latest changes to `client` and every record about them: who, when, which record and
    which fields (names only; the values stay on the page they belong to)."""
    events = (
        MiddlewareEvents.objects.references(client)
        .select_related("user")
        .order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    changes = []
    for event in events:
        label = event.pgh_model.split(".")[-1].removesuffix("Event")
        fields = sorted(set(event.pgh_diff or {}) - HIDDEN_FIELDS)
        if event.pgh_label == "update" and not fields:
            continue
        changes.append(
            Change(
                when=event.pgh_created_at,
                who=str(event.user) if event.user else "System",
                record=RECORD_NAMES.get(label, label),
                action=ACTIONS.get(event.pgh_label, event.pgh_label),
                fields=[field.replace("_", " ") for field in fields],
            )
        )
    return changes
