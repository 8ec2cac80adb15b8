from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from casework import selectors
from sos.access import boroughs_for, chosen_borough_param, chosen_boroughs, may_oversee
from sos.keyset import keyset_page
from sos.row_links import RowLink

# The team page shows the first rows of each data-quality list, most urgent first, with the
# list's count and a link to all of it: enough to act on at a glance, while the page's cost no
# longer grows with the borough's backlog (50 rows a list took 70 ms to render at 10x).
DATA_QUALITY_ROWS = 10
# A full data-quality list is shown this many rows a page (keyset pages, sos.keyset).
DATA_QUALITY_PAGE = 50

# Each data-quality list: its heading and how its rows are ordered (selectors.
# DATA_QUALITY_ORDER), in words.
HEADINGS = {
    "no_interventions": (
        f"Attended sessions with no intervention recorded (last {selectors.DATA_QUALITY_DAYS} "
        "days)",
        "newest first",
    ),
    "no_contact": (
        f"Open cases with no attended contact for {settings.NO_CONTACT_FLAG_DAYS} days or more",
        "longest without contact first",
    ),
    "unverified": ("Outcomes awaiting verification", "newest first"),
}


def _oversight(request) -> tuple[list[int], dict]:
    """The chosen boroughs' ids and the context every team page shows, for a manager or admin
    (anyone else is refused)."""
    if not may_oversee(request.user):
        raise PermissionDenied
    # Ids, read once: every query then plans for these boroughs' own rows.
    boroughs = list(chosen_boroughs(request).values_list("pk", flat=True))
    today = timezone.localdate()
    return boroughs, {
        # Read here, not by the borough picker: the data-quality lists plan by their ids.
        "all_boroughs": list(boroughs_for(request.user)),
        "chosen": chosen_borough_param(request),
        "today": today,
        "window_start": selectors.data_quality_since(today),
        "no_contact_days": settings.NO_CONTACT_FLAG_DAYS,
        # Where each Verify form sends the manager back to: this page, as it was asked for.
        "back": request.get_full_path(),
    }


def _link(name: str, rows: list) -> list:
    """`rows` of the data-quality list `name`, each with the path it opens (`link`) and, for
    an outcome, the path its Verify form posts to (`verify`)."""
    if name == "no_interventions":
        session = RowLink.to("casework:session_detail")
        for row in rows:
            row.link = session(row.pk)
        return rows
    timeline = RowLink.to("casework:timeline")
    for row in rows:
        row.link = timeline(row.client_id if name == "no_contact" else row.case.client_id)
    if name == "unverified":
        verify = RowLink.to("casework:outcome_verify")
        for row in rows:
            row.verify = verify(row.pk)
    return rows


def _ids(context) -> list[int]:
    return [borough.pk for borough in context["all_boroughs"]]


def team(request):
    """The manager's view of their boroughs: caseload and hours per caseworker, and the records
    that need attention before the monthly return."""
    boroughs, context = _oversight(request)
    user, today = request.user, context["today"]
    lists = selectors.data_quality(user, boroughs, today=today, seen=_ids(context))
    context.update(
        members=selectors.team(user, boroughs, today=today),
        months=[first for first, _ in selectors.recent_months(today, selectors.TEAM_MONTHS)],
        caseload_norm=settings.CASELOAD_NORM,
        shown=DATA_QUALITY_ROWS,
    )
    chosen = urlencode({"borough": context["chosen"]}) if context["chosen"] else ""
    # The chosen borough, kept in each member's link to their caseload (one string, not a test
    # and a filter in each of the rows).
    context["borough_param"] = f"&{chosen}" if chosen else ""
    borough = f"?{chosen}" if chosen else ""
    context["quality"] = []
    for name, rows in lists.items():
        shown, count = selectors.first_rows(rows, DATA_QUALITY_ROWS)
        context[name] = _link(name, shown)
        heading, order = HEADINGS[name]
        context["quality"].append({
            "name": name, "heading": heading, "order": order, "rows": context[name],
            "count": count, "all": reverse(f"casework:team_{name}") + borough,
        })  # fmt: skip
    return render(request, "casework/team.html", context)


def _full_list(request, name: str):
    """Every row of the data-quality list `name` in the chosen boroughs, in keyset pages."""
    boroughs, context = _oversight(request)
    lists = selectors.data_quality(
        request.user, boroughs, today=context["today"], seen=_ids(context)
    )
    rows = lists[name]
    page = keyset_page(
        rows,
        selectors.DATA_QUALITY_ORDER[name],
        size=DATA_QUALITY_PAGE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    heading, order = HEADINGS[name]
    context.update(name=name, heading=heading, order=order, page=page, rows=_link(name, page.rows))
    return render(request, "casework/team_list.html", context)


def no_interventions(request):
    return _full_list(request, "no_interventions")


def no_contact(request):
    return _full_list(request, "no_contact")


def unverified(request):
    return _full_list(request, "unverified")
