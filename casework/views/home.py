from datetime import timedelta

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casework import selectors
from sos.access import boroughs_for, does_casework
from sos.row_links import RowLink

# Actions due within this many days appear on the home page (overdue ones always do).
ACTIONS_LOOKAHEAD_DAYS = 7


def home(request):
    """Everyone's start page. Caseworkers and managers see their caseload, actions due and hours;
    admins and evaluators see their boroughs and where to go next."""
    user, today = request.user, timezone.localdate()
    context = {"boroughs": boroughs_for(user), "today": today}
    if does_casework(user):
        caseload = selectors.caseload(user, today=today)
        actions = list(
            selectors.actions_due(user, until=today + timedelta(days=ACTIONS_LOOKAHEAD_DAYS))
        )
        # Each row's links from one reversal of each route, not one a row (issue 23.4), and
        # whole, so the template outputs one value a link rather than three.
        timeline, done = RowLink.to("casework:timeline"), RowLink.to("casework:action_done")
        session_log = reverse("casework:session_log")
        for case in caseload:
            case.timeline_url = timeline(case.client_id)
            case.log_url = f"{session_log}?case={case.pk}"
            # Case.status_on (the status rule) once a row, on the page's day: the template
            # asked case.status twice a row, each time looking up today again.
            case.status_today = case.status_on(today)
        for session in actions:
            session.timeline_url = timeline(session.case.client_id)
            session.done_url = done(session.pk)
        context.update(
            caseload=caseload, actions=actions, hours=selectors.hours_by_month(user, today=today)
        )
    return render(request, "casework/home.html", context)
