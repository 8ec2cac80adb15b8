"""Anonymisation, for retention and erasure alike: names, contacts, identifiers and free text
replaced in the live tables AND in their pghistory event tables (the audit keeps who changed
what and when, but no longer the personal values). Counts and dates stay, so monthly returns
and reoffending figures do not change."""

from collections.abc import Iterable
from datetime import date

import pghistory
import pgtrigger
from django.apps import apps
from django.db import transaction
from django.db.models import Case as Choose
from django.db.models import DateField, F, Value, When
from django.db.models.functions import TruncYear
from django.utils import timezone

from gdpr.models import Anonymisation

# The closure reason of support still open when its young person is anonymised (seeded, not
# offered on the closure form: a caseworker never chooses it).
CLOSED_BY_ANONYMISATION = "Record anonymised"

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
            # date_of_birth: coarsened per client (dates_of_birth_kept_for_returns).
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


def cases_close_for_anonymisation(client_ids: list[int]) -> None:
    """Close the open support of `client_ids` today: nobody can work with a person whose
    record no longer says who they are, so no session can be logged against it. Only
    today's figures change; a past month's return counts closures in their own month."""
    Case = apps.get_model("clients.Case")
    ClosureReason = apps.get_model("clients.ClosureReason")
    reason, _ = ClosureReason.objects.get_or_create(
        name=CLOSED_BY_ANONYMISATION, defaults={"is_active": False}
    )
    Case.objects.filter(client_id__in=client_ids, closure_date__isnull=True).update(
        closure_date=timezone.localdate(), closure_reason=reason, version=F("version") + 1
    )


def coarse_birthday(born: date, index_dates: list[date]) -> date:
    """The earliest day of `born`'s year on which someone born then is the same age as on
    `born` at every one of `index_dates`: the age bands of new starts (DOMAIN.md, figure 10,
    age at the index date) and so the signed-off returns stay as they were. January 1 when
    no index date falls before the birthday in its year; otherwise the first index day on
    or after the birthday, or 31 December (so only the stretch between two index days is
    kept, never the birthday itself)."""
    birthday = (born.month, born.day)
    days = [(day.month, day.day) for day in index_dates]
    if all(day >= birthday for day in days):
        return date(born.year, 1, 1)
    month, day = min((day for day in days if day >= birthday), default=(12, 31))
    if (month, day) == (2, 29) and born.year % 4:  # no 29 February that year: the day before
        day = 28
    return date(born.year, month, day)


def dates_of_birth_kept_for_returns(client_ids: list[int]):
    """An UPDATE expression giving each of `client_ids` their coarse_birthday."""
    Client = apps.get_model("clients.Client")
    Case = apps.get_model("clients.Case")
    index_dates: dict[int, list[date]] = {pk: [] for pk in client_ids}
    for client_id, day in Case.objects.filter(
        client_id__in=client_ids, index_date__isnull=False
    ).values_list("client_id", "index_date"):
        index_dates[client_id].append(day)
    born = Client.objects.filter(pk__in=client_ids).values_list("pk", "date_of_birth")
    whens = [When(id=pk, then=Value(coarse_birthday(day, index_dates[pk]))) for pk, day in born]
    return Choose(*whens, default=F("date_of_birth"), output_field=DateField())


def clients_anonymise(*, client_ids: Iterable[int], reason: str) -> int:
    """Anonymise the clients `client_ids` everywhere they appear and close their open
    support; returns how many."""
    client_ids = list(client_ids)
    with transaction.atomic(), pghistory.context(anonymisation=reason):
        scrub = dict(SCRUB)
        to_client, fields = scrub["clients.Client"]
        birthdays = dates_of_birth_kept_for_returns(client_ids)
        scrub["clients.Client"] = (to_client, {**fields, "date_of_birth": birthdays})
        cases_close_for_anonymisation(client_ids)
        for label, (to_client, fields) in scrub.items():
            model = apps.get_model(label)
            model.objects.filter(**{f"{to_client}__in": client_ids}).update(**fields)
        # The one place the append-only guard on event tables is lifted, and only for these
        # UPDATE statements: the scrubbed snapshots keep their who, when and which fields.
        for label, (to_client, fields) in scrub.items():
            for event_model in event_models(apps.get_model(label)):
                with pgtrigger.ignore(f"{event_model._meta.label}:append_only"):
                    lookup = {f"{EVENT_PATHS.get(label, to_client)}__in": client_ids}
                    event_model.objects.filter(**lookup).update(**fields)
        Anonymisation.objects.bulk_create(
            [Anonymisation(client_id=pk, reason=reason) for pk in client_ids],
            ignore_conflicts=True,
        )
    return len(client_ids)
