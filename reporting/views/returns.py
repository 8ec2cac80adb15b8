from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reporting import drilldown, exports, selectors, services
from reporting.figures import TOTAL
from reporting.models import MonthlyReturn, Target
from reporting.months import Month
from reporting.presentation import changed_figures, return_lines, summary_changes, summary_rows
from reporting.summary import headline_summary
from sos.access import (
    borough_choice,
    boroughs_for,
    chosen_borough_param,
    chosen_boroughs,
    oversight_required,
)
from sos.db_router import report_reads
from sos.keyset import keyset_page

RECORDS_PER_PAGE = 50


def _month_and_boroughs(request):
    """The month asked for (default: last month) and the boroughs shown (the user's, or one)."""
    today = timezone.localdate()
    month = Month.parse(request.GET.get("month")) or Month.of(today).previous()
    return month, list(chosen_boroughs(request).order_by("name"))


def _targets(request, month: Month, borough_ids: list[int]) -> list[Target]:
    """The boroughs' targets of the contract years that can hold `month`."""
    return list(
        Target.objects.visible_to(request.user).filter(
            borough__in=borough_ids,
            year_start__gt=month.plus(-12).first,
            year_start__lte=month.first,
        )
    )


@oversight_required
def return_month(request):
    month, boroughs = _month_and_boroughs(request)
    borough_ids = [borough.pk for borough in boroughs]
    targets = _targets(request, month, borough_ids)
    with report_reads():
        table = selectors.monthly_figures(month, borough_ids)
        summary = headline_summary(month, borough_ids, targets)
    versions = MonthlyReturn.objects.filter(month=month.first, borough__in=boroughs).select_related(
        "signed_off_by", "borough"
    )
    signed = {}
    for version in versions.order_by("borough", "version"):
        signed[str(version.borough_id)] = version  # the latest version wins
    names = {str(borough.pk): borough.name for borough in boroughs}
    return render(
        request,
        "reporting/return_month.html",
        {
            "month": month,
            "boroughs": boroughs,
            "all_boroughs": boroughs_for(request.user).order_by("name"),
            "chosen": chosen_borough_param(request),
            "names": names,
            "columns": [
                (column, names.get(column, "Total"), signed.get(column)) for column in table.columns
            ],
            "sections": return_lines(table, signed),
            "changes": [
                (names[column], signed[column], rows)
                for column, rows in changed_figures(table, signed).items()
            ],
            "versions": versions.order_by("borough__name", "-version"),
            "total": TOTAL,
            **summary_rows(summary, month, names, chosen_borough_param(request)),
            "summary_changes": summary_changes(summary, signed, names),
        },
    )


@oversight_required
def return_download(request, file_format):
    month, boroughs = _month_and_boroughs(request)
    borough_ids = [borough.pk for borough in boroughs]
    targets = _targets(request, month, borough_ids)
    with report_reads():
        table = selectors.monthly_figures(month, borough_ids)
        summary = headline_summary(month, borough_ids, targets)
    names = {str(borough.pk): borough.name for borough in boroughs}
    file_name = f"monthly-return-{month}"
    if file_format == "csv":
        body, content_type = exports.return_csv(table, summary, names), "text/csv"
    elif file_format == "xlsx":
        body = exports.return_xlsx(
            table,
            summary,
            names,
            month=month,
            produced_by=request.user.get_full_name(),
            at=timezone.localtime(),
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}.{file_format}"'
    return response


@require_POST
@oversight_required
def return_sign_off(request):
    month = Month.parse(request.POST.get("month"))
    # One borough, chosen by the same rule as the pages (none chosen names no borough here).
    borough = borough_choice(request.user, request.POST.get("borough") or "0").get()
    if month is None:
        raise Http404
    try:
        signed = services.return_sign_off(
            borough=borough, month=month, user=request.user, note=request.POST.get("note", "")
        )
    except services.SignOffRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{signed} was signed off.")
    return redirect(f"{reverse('reporting:return')}?month={month}")


@oversight_required
def return_records(request):
    """The records behind one figure of the return, scoped like every other list."""
    month, boroughs = _month_and_boroughs(request)
    figure = drilldown.FIGURES.get(request.GET.get("figure", ""))
    if figure is None:
        raise Http404
    records = figure.records(month, request.GET.get("detail", ""), request.user, boroughs)
    # Keyset pages (sos.keyset), never OFFSET; read like the figures they explain.
    with report_reads():
        page = keyset_page(
            records,
            figure.order,
            size=RECORDS_PER_PAGE,
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
        )
    return render(
        request,
        "reporting/return_records.html",
        {
            "month": month,
            "figure": figure,
            "line": figure.line(request.GET.get("detail", "")),
            "page": page,
            "boroughs": boroughs,
        },
    )


@oversight_required
def return_team(request):
    """Caseload and hours per caseworker for the month (DOMAIN.md figure 11)."""
    month, boroughs = _month_and_boroughs(request)
    with report_reads():
        members = selectors.caseworker_figures(month, boroughs)
    return render(
        request,
        "reporting/return_team.html",
        {
            "month": month,
            "members": members,
            "all_boroughs": boroughs_for(request.user).order_by("name"),
            "chosen": chosen_borough_param(request),
        },
    )
