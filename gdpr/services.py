from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gdpr.anonymise import clients_anonymise
from gdpr.models import AnonymisationReason, ErasureRequest
from gdpr.retention import clients_past_retention


class ErasureNotAllowed(Exception):
    """The approval was refused: the message says why."""


def erasure_request(*, client, requested_by, reason: str) -> ErasureRequest:
    """Record one admin's request to erase `client`; refused when they are already anonymised
    or a request for them is still waiting (the database refuses a second one made at once)."""
    if client.is_anonymised:
        raise ErasureNotAllowed("This young person was already anonymised.")
    try:
        with transaction.atomic():
            return ErasureRequest.objects.create(
                client=client, requested_by=requested_by, reason=reason
            )
    except IntegrityError:
        raise ErasureNotAllowed(
            "An erasure of this young person was already requested and is waiting for approval."
        ) from None


def erasure_approve(*, erasure: ErasureRequest, approved_by) -> ErasureRequest:
    """Approve `erasure` as a second admin and anonymise the client at once."""
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if not erasure.is_pending:
            raise ErasureNotAllowed("This request was already approved and carried out.")
        if erasure.requested_by_id == approved_by.pk:
            raise ErasureNotAllowed("A different admin must approve an erasure you requested.")
        erasure.approved_by, erasure.approved_at = approved_by, timezone.now()
        erasure.save(update_fields=["approved_by", "approved_at"])
        clients_anonymise(client_ids=[erasure.client_id], reason=AnonymisationReason.ERASURE)
    return erasure


def retention_anonymise(*, today: date, years: int) -> int:
    """Anonymise every client past retention on `today`; returns how many. Running it again
    the same day finds none left to do."""
    client_ids = list(clients_past_retention(today=today, years=years).values_list("pk", flat=True))
    return clients_anonymise(client_ids=client_ids, reason=AnonymisationReason.RETENTION)
