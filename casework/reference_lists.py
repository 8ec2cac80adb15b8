"""The reference lists admins keep in the app's own pages (DOMAIN.md, Roles): what each list
is, and its change history read from the audit tables (pghistory)."""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models
from pghistory.models import MiddlewareEvents

from casework.models import InterventionType, OutcomeType
from clients.models import ClosureReason, ReferralSource, RiskFlagType


@dataclass(frozen=True)
class ReferenceList:
    slug: str
    title: str
    entry: str
    model: type[models.Model]
    fields: tuple[str, ...]
    intro: str

    def entries(self) -> models.QuerySet:
        """Every entry, offered or retired, in the order forms offer them."""
        entries = self.model.objects.all()
        return entries.select_related("pathway") if self.model is InterventionType else entries


LISTS = {
    reference.slug: reference
    for reference in [
        ReferenceList(
            "interventions",
            "Interventions",
            "intervention",
            InterventionType,
            ("pathway", "name"),
            "Kinds of help given in a session, under the seven reducing-reoffending pathways. "
            "The monthly return counts them by pathway and type.",
        ),
        ReferenceList(
            "outcome-types",
            "Outcome types",
            "outcome type",
            OutcomeType,
            ("name", "category", "is_positive"),
            "What a young person achieved (or lost), counted in the monthly return.",
        ),
        ReferenceList(
            "closure-reasons",
            "Closure reasons",
            "closure reason",
            ClosureReason,
            ("name",),
            "Why support ended, chosen when a case is closed.",
        ),
        ReferenceList(
            "referral-sources",
            "Referral sources",
            "referral source",
            ReferralSource,
            ("name",),
            "Who referred the young person.",
        ),
        ReferenceList(
            "risk-flag-types",
            "Risk flag types",
            "risk flag type",
            RiskFlagType,
            ("name",),
            "Safeguarding and risk concerns shown on every page about a young person.",
        ),
    ]
}


@dataclass(frozen=True)
class ReferenceChange:
    when: datetime
    who: str
    what: str


def reference_changes(reference: ReferenceList, *, limit: int = 30) -> list[ReferenceChange]:
    """The latest additions and retirements on `reference`'s list, newest first, with who
    made each (for admins, on the list's page)."""
    event_model = apps.get_model(
        reference.model._meta.app_label, f"{reference.model.__name__}Event"
    )
    events = (
        MiddlewareEvents.objects.across(event_model)
        .select_related("user")
        .order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    changes = []
    for event in events:
        name = event.pgh_data["name"]
        if event.pgh_label == "insert":
            what = f"Added \u201c{name}\u201d"
        # A seeded entry's first change has no earlier event to diff against: its snapshot
        # says whether it is now offered.
        elif not event.pgh_diff or "is_active" in event.pgh_diff:
            offered = event.pgh_data["is_active"]
            what = f"{'Offered' if offered else 'Retired'} \u201c{name}\u201d"
            what += " again" if offered else ""
        else:
            what = f"Changed \u201c{name}\u201d: " + ", ".join(sorted(event.pgh_diff))
        who = str(event.user) if event.user else "System"
        changes.append(ReferenceChange(when=event.pgh_created_at, who=who, what=what))
    return changes
