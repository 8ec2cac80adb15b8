"""Which clients are past retention: every case closed more than RETENTION_YEARS ago."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from clients.models import Case, Client


def retention_cutoff(*, today: date, years: int) -> date:
    """The day `years` years before `today` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def clients_past_retention(*, today: date, years: int) -> QuerySet[Client]:
    """Clients not yet anonymised who have at least one case, and no case that is open or
    closed on or after the cutoff."""
    cutoff = retention_cutoff(today=today, years=years)
    recent = Case.objects.filter(client=OuterRef("pk")).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=cutoff)
    )
    return (
        Client.objects.filter(cases__isnull=False, anonymisation__isnull=True)
        .exclude(Exists(recent))
        .distinct()
    )
