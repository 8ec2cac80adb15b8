from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from casework import selectors
from casework.models import Outcome, Session
from clients.models import Case
from sos.access import boroughs_for, chosen_boroughs
from sos.models import Role

# Data-quality lists look this far back and show at most this many rows each.
DATA_QUALITY_DAYS = 90
DATA_QUALITY_ROWS = 50


def team(request):
    """The manager's view of their boroughs: caseload and hours per caseworker, and the records
    that need attention before the monthly return."""
    user, today = request.user, timezone.localdate()
    if user.role not in (Role.MANAGER, Role.ADMIN):
        raise PermissionDenied
    boroughs = chosen_boroughs(request)
    # By the case's borough, where the support is delivered, as the monthly return counts.
    sessions = Session.objects.visible_to(user).filter(case__borough__in=boroughs)
    cases = Case.objects.visible_to(user).filter(borough__in=boroughs)
    outcomes = Outcome.objects.visible_to(user).filter(case__borough__in=boroughs)
    since = today - timedelta(days=DATA_QUALITY_DAYS)
    context = {
        "all_boroughs": boroughs_for(user),
        "chosen": request.GET.get("borough", ""),
        "members": selectors.team(boroughs, today=today),
        "no_interventions": selectors.attended_without_interventions(sessions, since=since)[
            :DATA_QUALITY_ROWS
        ],
        "no_contact": selectors.active_without_contact(cases, today=today)[:DATA_QUALITY_ROWS],
        "unverified": selectors.outcomes_awaiting_verification(outcomes)[:DATA_QUALITY_ROWS],
        "today": today,
    }
    return render(request, "casework/team.html", context)
