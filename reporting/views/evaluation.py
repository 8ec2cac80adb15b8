from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from reporting import charts, evaluation
from reporting.disclosure import (
    SECONDARY,
    Shown,
    rate_shown,
    shown_alone,
    suppress_people,
    suppress_series,
)
from reporting.figures import hours
from reporting.reoffending import proven_reoffending
from sos.access import (
    boroughs_for,
    chosen_borough_param,
    chosen_boroughs,
    may_read_evaluation,
    sees_suppressed_figures,
)
from sos.db_router import report_reads
from sos.models import DisclosureSettings


def evaluation_page(request):
    """A borough's evaluation: unsuppressed for managers and admins of it, suppressed
    aggregates only (no names, no links to records) for its borough evaluator."""
    user, today = request.user, timezone.localdate()
    if not may_read_evaluation(user):
        raise PermissionDenied
    boroughs = list(chosen_boroughs(request).order_by("name"))
    chosen = chosen_borough_param(request)
    # Evaluators see suppressed counts; a threshold of 1 hides nothing for the team itself.
    suppressed = sees_suppressed_figures(user)
    threshold = DisclosureSettings.threshold() if suppressed else 1
    ids = [borough.pk for borough in boroughs]
    months = evaluation.series_months(today)
    single = boroughs[0] if len(boroughs) == 1 else None
    context = {
        "boroughs": boroughs,
        "all_boroughs": boroughs_for(user).order_by("name"),
        "chosen": chosen,
        "suppressed": suppressed,
        "threshold": threshold,
        "months": months,
        "period": f"{months[0].label} to {months[-1].label}",
        "borough": single,
    }
    with report_reads():
        reoffending = proven_reoffending(ids, today=today)
        context |= {
            "series": _series(ids, months, threshold),
            "outcomes": _outcome_rates(ids, months, threshold),
            "reoffending": _reoffending(reoffending, threshold),
            "not_yet_measurable": shown_alone(reoffending.not_yet_measurable, threshold),
            "not_started": shown_alone(reoffending.not_started, threshold),
            "costs": evaluation.cost_per_client(ids),
        }
        overall_visible = context["reoffending"]["overall"]["rate_visible"]
        if single and overall_visible:
            context["avoided"] = evaluation.custody_cost_avoided(single, reoffending.overall)
    return render(request, "reporting/evaluation.html", context)


def _series(ids, months, threshold) -> list[dict]:
    """Each monthly series as shown: people series with their distinct total, the sessions
    with their sum, and hours hidden in the months whose sessions are."""
    labels = [month.first.strftime("%b %Y") for month in months]
    shown, sessions = [], []
    # The sessions series comes before the hours, whose months it hides.
    for series in evaluation.monthly_series(ids, months):
        if series.people:
            cells, total = suppress_people(series.values, series.distinct, threshold)
        elif series.unit == "minutes":
            cells = [
                Shown(value, SECONDARY if count.hidden else "", threshold)
                for value, count in zip(series.values, sessions, strict=True)
            ]
            total = Shown(sum(series.values), "", threshold)
        else:
            cells, total = suppress_series(series.values, threshold)
            sessions = cells
        shown.append(
            {
                "name": series.name,
                "people": series.people,
                "unit": series.unit,
                "rows": list(zip(labels, [_text(c, series.unit) for c in cells], strict=True)),
                "total": _text(total, series.unit),
                "chart": charts.bar_chart(
                    months,
                    [None if cell.hidden else cell.value for cell in cells],
                    [str(cell) for cell in cells],
                    series.unit,
                ),
            }
        )
    return shown


def _text(cell: Shown, unit: str) -> str:
    return hours(cell.value) if unit == "minutes" and not cell.hidden else str(cell)


def _outcome_rates(ids, months, threshold) -> list[dict]:
    rates = evaluation.outcome_rates(ids, months[0].first, months[-1].last)
    shown = []
    for rate in rates:
        closed = shown_alone(rate.closed, threshold)
        achieved = shown_alone(rate.with_outcome, threshold)
        visible = rate_shown(achieved, closed) and rate.closed > 0
        shown.append(
            {
                "category": rate.category,
                "closed": closed,
                "achieved": achieved,
                "percent": 100 * rate.with_outcome / rate.closed if visible else None,
            }
        )
    return shown


def _reoffending(result, threshold) -> dict:
    """The cohort sizes and the reoffenders as two series, each with its total (each young
    person is in one quarter, so the quarters add up to the whole), judged one at a time. The
    link between them, reoffenders <= n in a row, is left out of the attacker model: a shown n
    is 0 or at least the threshold, so it never bounds a "<5" below four values; where both
    are hidden, the two series are not checked together."""
    cohorts = result.cohorts
    sizes, size_total = suppress_series([cohort.n for cohort in cohorts], threshold)
    reoffenders, reoffenders_total = suppress_series(
        [cohort.reoffenders for cohort in cohorts], threshold
    )
    rows = [
        _cohort_row(cohort, n, k) for cohort, n, k in zip(cohorts, sizes, reoffenders, strict=True)
    ]
    return {"rows": rows, "overall": _cohort_row(result.overall, size_total, reoffenders_total)}


def _cohort_row(cohort, n: Shown, k: Shown) -> dict:
    visible = rate_shown(k, n) and cohort.n > 0
    interval = cohort.rate.interval if visible else None
    # Frequencies and the median describe the reoffenders themselves: shown only when there
    # are none, or at least as many as the disclosure threshold.
    detail_visible = visible and (cohort.reoffenders == 0 or cohort.reoffenders >= k.threshold)
    return {
        "detail_visible": detail_visible,
        "cohort": cohort,
        "n": n,
        "reoffenders": k,
        "rate_visible": visible,
        "percent": 100 * cohort.rate.value if visible else None,
        "low": 100 * interval[0] if interval else None,
        "high": 100 * interval[1] if interval else None,
        "width": 100 * (interval[1] - interval[0]) if interval else None,
    }
