"""The change history shown on a member of staff's page, read from the audit tables
(pghistory): their details and role, and every borough they were given or lost."""

from dataclasses import dataclass
from datetime import datetime

from pghistory.models import MiddlewareEvents

from sos.models import Borough, StaffBoroughEvent, User, UserEvent

DETAIL_ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Deleted"}
BOROUGH_ACTIONS = {"borough.add": "Given access to", "borough.remove": "Removed from"}


@dataclass(frozen=True)
class StaffChange:
    when: datetime
    who: str
    what: str


def staff_history(member: User, *, limit: int = 50) -> list[StaffChange]:
    """The latest changes to `member`'s account and boroughs, newest first, each with who made
    it (for admins, on the staff page)."""
    events = list(
        MiddlewareEvents.objects.across(UserEvent, StaffBoroughEvent)
        .references(member)
        .select_related("user")
        .order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    borough_ids = {
        event.pgh_data["borough_id"] for event in events if event.pgh_label in BOROUGH_ACTIONS
    }
    boroughs = Borough.objects.in_bulk(borough_ids)
    changes = []
    for event in events:
        if event.pgh_label in BOROUGH_ACTIONS:
            borough = boroughs.get(event.pgh_data["borough_id"])
            what = f"{BOROUGH_ACTIONS[event.pgh_label]} {borough or 'a borough since removed'}"
        else:
            fields = sorted(event.pgh_diff or {})
            if event.pgh_label == "update" and not fields:
                continue
            what = DETAIL_ACTIONS.get(event.pgh_label, event.pgh_label)
            if fields:
                what += ": " + ", ".join(field.replace("_", " ") for field in fields)
        who = str(event.user) if event.user else "System"
        changes.append(StaffChange(when=event.pgh_created_at, who=who, what=what))
    return changes
