from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from casework import selectors
from sos.access import boroughs_for, chosen_borough_param, chosen_boroughs, may_oversee

# Data-quality lists show at most this many rows each.
DATA_QUALITY_ROWS = 50


def team(request):
    """The manager's view of their boroughs: caseload and hours per caseworker, and the records
    that need attention before the monthly return."""
    user, today = request.user, timezone.localdate()
    if not may_oversee(user):
        raise PermissionDenied
    # Ids, read once: every query below then plans for these boroughs' own rows.
    boroughs = list(chosen_boroughs(request).values_list("pk", flat=True))
    lists = selectors.data_quality(user, boroughs, today=today)
    context = {
        "all_boroughs": boroughs_for(user),
        "chosen": chosen_borough_param(request),
        "members": selectors.team(user, boroughs, today=today),
        "months": [first for first, _ in selectors.recent_months(today, selectors.TEAM_MONTHS)],
        "caseload_norm": settings.CASELOAD_NORM,
        **{name: rows[:DATA_QUALITY_ROWS] for name, rows in lists.items()},
        "today": today,
        "window_start": selectors.data_quality_since(today),
        "no_contact_days": settings.NO_CONTACT_FLAG_DAYS,
    }
    return render(request, "casework/team.html", context)
