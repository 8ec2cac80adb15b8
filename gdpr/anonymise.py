"""Anonymisation, for retention and erasure alike: names, contacts, identifiers and free text
replaced in the live tables AND in their pghistory event tables (the audit keeps who changed
what and when, but no longer the personal values). Counts and dates stay, so monthly returns
and reoffending figures do not change."""

from collections.abc import Iterable

import pghistory
import pgtrigger
from django.apps import apps
from django.db import transaction
from django.db.models.functions import TruncYear

from gdpr.models import Anonymisation

ANONYMISED = "Anonymised"

# Per model: the path to the client, and what each personal field becomes.
SCRUB = {
    "clients.Client": (
        "id",
        {
            "first_name": ANONYMISED,
            "last_name": ANONYMISED,
            "preferred_name": "",
            "ethnicity_detail": "",
            "phone": "",
            "email": "",
            "address": "",
            "postcode": "",
            "pnc_id": "",
            "prison_number": "",
            "special_category_notes": "",
            # The year alone still gives the age bands of returns.
            "date_of_birth": TruncYear("date_of_birth"),
        },
    ),
    "clients.Case": (
        "client",
        {"referrer": "", "referral_reason": "", "establishment": "", "closure_notes": ""},
    ),
    "clients.Offence": ("client", {"sentence": "", "notes": ""}),
    "clients.Consent": ("client", {"notes": ""}),
    "clients.RiskFlag": ("client", {"notes": ""}),
    "casework.Session": ("case__client", {"location": "", "notes": "", "next_action": ""}),
    "casework.Goal": ("case__client", {"description": ANONYMISED}),
    "casework.GoalReview": ("goal__case__client", {"note": ""}),
    "casework.Outcome": ("case__client", {"evidence": ""}),
    "referrals.Submission": (
        "client",
        {
            "first_name": ANONYMISED,
            "last_name": ANONYMISED,
            "preferred_name": "",
            "phone": "",
            "address": "",
            "postcode": "",
            "pnc_id": "",
            "prison_number": "",
            "establishment": "",
            "reason": "",
            "known_risks": "",
            "referrer_name": "",
            "referrer_email": "",
            "referrer_phone": "",
            "manager_note": "",
            "date_of_birth": TruncYear("date_of_birth"),
        },
    ),
}
# Event tables whose snapshots reach the client by another path: a referral is linked to its
# young person only when accepted, so its earlier snapshots are found through the referral.
EVENT_PATHS = {"referrals.Submission": "pgh_obj__client"}


def event_models(model) -> list:
    """The pghistory event models that snapshot `model`."""
    return [
        candidate
        for candidate in apps.get_models()
        if getattr(candidate, "pgh_tracked_model", None) is model
    ]


def clients_anonymise(*, client_ids: Iterable[int], reason: str) -> int:
    """Anonymise the clients `client_ids` everywhere they appear; returns how many."""
    client_ids = list(client_ids)
    with transaction.atomic(), pghistory.context(anonymisation=reason):
        for label, (to_client, fields) in SCRUB.items():
            model = apps.get_model(label)
            model.objects.filter(**{f"{to_client}__in": client_ids}).update(**fields)
        # The one place the append-only guard on event tables is lifted, and only for these
        # UPDATE statements: the scrubbed snapshots keep their who, when and which fields.
        for label, (to_client, fields) in SCRUB.items():
            for event_model in event_models(apps.get_model(label)):
                with pgtrigger.ignore(f"{event_model._meta.label}:append_only"):
                    lookup = {f"{EVENT_PATHS.get(label, to_client)}__in": client_ids}
                    event_model.objects.filter(**lookup).update(**fields)
        Anonymisation.objects.bulk_create(
            [Anonymisation(client_id=pk, reason=reason) for pk in client_ids],
            ignore_conflicts=True,
        )
    return len(client_ids)
