"""Signing off and revising monthly returns."""

from django.db import transaction

from reporting.figures import Table
from reporting.models import MonthlyReturn, Target
from reporting.months import Month
from reporting.selectors import monthly_figures
from reporting.summary import frozen_summary, headline_summary
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
    targets = Target.objects.filter(
        borough=borough, year_start__gt=month.plus(-12).first, year_start__lte=month.first
    )
    summary = frozen_summary(headline_summary(month, [borough.pk], targets), str(borough.pk))
    if latest and latest.figures == figures and latest.summary == summary:
        raise SignOffRefused(
            f"{borough}'s return for {month.label} is already signed off with these figures."
        )
    return MonthlyReturn.objects.create(
        borough=borough,
        month=month.first,
        version=latest.version + 1 if latest else 1,
        figures=figures,
        layout=layout_of(table),
        summary=summary,
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


class TargetRefused(Exception):
    """The target cannot be set: a return of its contract year is signed off, or the year
    overlaps another contract year of the borough."""


@transaction.atomic
def target_set(
    *, borough: Borough, figure: str, year_start: Month, value: int, user: User
) -> Target:
    """Set (or change) `borough`'s target for `figure` over the contract year from
    `year_start`. Once a return of that year is signed off, its targets are what the manager
    signed against: they are never changed afterwards (history keeps every earlier value)."""
    Borough.objects.select_for_update().get(pk=borough.pk)
    first, end = year_start.first, year_start.plus(12).first
    if MonthlyReturn.objects.filter(borough=borough, month__gte=first, month__lt=end).exists():
        raise TargetRefused(
            f"{borough} has signed off a return in the contract year from {year_start.label}: "
            "its targets are fixed."
        )
    overlapping = Target.objects.filter(
        borough=borough, year_start__gt=year_start.plus(-12).first, year_start__lt=end
    ).exclude(year_start=first)
    if overlapping.exists():
        raise TargetRefused(
            f"{borough} already has a contract year starting "
            f"{overlapping.first().year_start:%B %Y}, which overlaps this one."
        )
    target, _created = Target.objects.update_or_create(
        borough=borough, figure=figure, year_start=first, defaults={"value": value, "set_by": user}
    )
    return target
