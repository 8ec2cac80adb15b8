from datetime import timedelta

from django.shortcuts import render
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
        context.update(
            caseload=selectors.caseload(user, today=today),
            actions=selectors.actions_due(
                user, until=today + timedelta(days=ACTIONS_LOOKAHEAD_DAYS)
            ),
            hours=selectors.hours_by_month(user, today=today),
            # Reversed once here, not once a row in the template.
            timeline=RowLink.to("casework:timeline"),
            action_done=RowLink.to("casework:action_done"),
        )
    return render(request, "casework/home.html", context)
