from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from reporting import charts, evaluation
from reporting.disclosure import Shown, rate_shown, suppress_series
from reporting.reoffending import proven_reoffending
from sos.access import boroughs_for, chosen_boroughs
from sos.db_router import report_reads
from sos.models import DisclosureSettings, Role


def evaluation_page(request):
    """A borough's evaluation: unsuppressed for managers and admins of it, suppressed
    aggregates only (no names, no links to records) for its borough evaluator."""
    user, today = request.user, timezone.localdate()
    if user.role not in (Role.MANAGER, Role.ADMIN, Role.EVALUATOR):
        raise PermissionDenied
    boroughs = list(chosen_boroughs(request).order_by("name"))
    chosen = request.GET.get("borough", "")
    # Evaluators see suppressed counts; a threshold of 1 hides nothing for the team itself.
    suppressed = user.role == Role.EVALUATOR
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
        "borough": single,
    }
    with report_reads():
        reoffending = proven_reoffending(ids, today=today)
        context |= {
            "series": _series(ids, months, threshold),
            "outcomes": _outcome_rates(ids, months, threshold),
            "reoffending": _reoffending(reoffending, threshold),
            "not_yet_measurable": _single(reoffending.not_yet_measurable, threshold),
            "not_started": _single(reoffending.not_started, threshold),
            "costs": evaluation.cost_per_client(ids),
        }
        overall_visible = context["reoffending"]["overall"]["rate_visible"]
        if single and overall_visible:
            context["avoided"] = evaluation.custody_cost_avoided(single, reoffending.overall)
    return render(request, "reporting/evaluation.html", context)


def _single(value: int, threshold: int) -> Shown:
    return Shown(value, 0 < value < threshold, threshold)


def _series(ids, months, threshold) -> list[dict]:
    labels = [month.first.strftime("%b %Y") for month in months]
    shown = []
    for name, values in evaluation.monthly_series(ids, months).items():
        cells, total = suppress_series(values, threshold)
        drawn = [None if cell.hidden else cell.value for cell in cells]
        shown.append(
            {
                "name": name,
                "rows": list(zip(labels, cells, strict=True)),
                "total": total,
                "chart": charts.bar_chart(name, labels, drawn),
            }
        )
    return shown


def _outcome_rates(ids, months, threshold) -> list[dict]:
    rates = evaluation.outcome_rates(ids, months[0].first, months[-1].last)
    shown = []
    for rate in rates:
        closed, achieved = _single(rate.closed, threshold), _single(rate.with_outcome, threshold)
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
    }
