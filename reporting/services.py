"""Signing off and revising monthly returns."""

from django.db import transaction

from reporting.figures import Table
from reporting.models import MonthlyReturn
from reporting.months import Month
from reporting.selectors import monthly_figures
from sos.models import Borough, User


class SignOffRefused(Exception):
    """The return cannot be signed off (the month has not ended, or nothing changed)."""


@transaction.atomic
def return_sign_off(*, borough: Borough, month: Month, user: User, note: str = "") -> MonthlyReturn:
    """Freeze `borough`'s figures for `month` as they are now, with who and when.

    The first sign-off is version 1; a later one is a revised return, allowed only when the
    figures now differ from the latest version. Locking the borough row makes two managers
    signing at once queue up, so the second sees the first's version."""
    if not month.has_ended():
        raise SignOffRefused("A month that has not ended is provisional and cannot be signed off.")
    Borough.objects.select_for_update().get(pk=borough.pk)
    latest = latest_return(borough, month)
    table = monthly_figures(month, [borough.pk])
    figures = table.column(str(borough.pk))
    if latest and latest.figures == figures:
        raise SignOffRefused(
            f"{borough}'s return for {month.label} is already signed off with these figures."
        )
    return MonthlyReturn.objects.create(
        borough=borough,
        month=month.first,
        version=latest.version + 1 if latest else 1,
        figures=figures,
        layout=layout_of(table),
        signed_off_by=user,
        note=note,
    )


def latest_return(borough: Borough, month: Month) -> MonthlyReturn | None:
    return (
        MonthlyReturn.objects.filter(borough=borough, month=month.first)
        .order_by("-version")
        .first()
    )


def layout_of(table: Table) -> list[list[str]]:
    return [[row.section, row.label, row.unit] for row in table.rows]
