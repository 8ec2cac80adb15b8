"""Demo evaluation settings: a yearly project cost for every borough (about £2,000 per young
person supported, as DOMAIN.md says), so the value-for-money section has figures to show."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from clients.models import Case
from sos.models import Borough, BoroughYearCost

COST_PER_CLIENT = Decimal("2000")
YEARS = 3


def seed(out) -> None:
    if BoroughYearCost.objects.exists():
        out.write(f"Yearly costs: {BoroughYearCost.objects.count()} already there")
        return
    this_year = timezone.localdate().year
    years = range(this_year - YEARS + 1, this_year + 1)
    for borough in Borough.objects.all():
        supported = Case.objects.filter(borough=borough).aggregate(
            **{
                str(year): Count(
                    "client",
                    distinct=True,
                    filter=Q(index_date__year__lte=year)
                    & (Q(closure_date__isnull=True) | Q(closure_date__year__gte=year)),
                )
                for year in years
            }
        )
        BoroughYearCost.objects.bulk_create(
            BoroughYearCost(
                borough=borough, year=year, total_cost=supported[str(year)] * COST_PER_CLIENT
            )
            for year in years
            if supported[str(year)]
        )
    out.write(f"Yearly costs: {BoroughYearCost.objects.count()}")
