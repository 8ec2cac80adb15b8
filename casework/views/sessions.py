from copy import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST
from pghistory.models import MiddlewareEvents

from casework.forms.session import SessionEditForm, SessionLogForm
from casework.models import Session
from casework.selectors import same_day_sessions
from casework.services import sessions as services
from clients.models import Case, Client
from clients.scope import client_header
from sos.access import personal_data_required
from sos.concurrency import edit_versioned
from sos.navigation import redirect_back


def get_session(request, pk) -> Session:
    sessions = Session.objects.visible_to(request.user).select_related(
        "case__client__borough", "logged_by"
    )
    return get_object_or_404(sessions, pk=pk)


@personal_data_required
def session_log(request):
    """Log a session: today by default, the caseworker's own caseload first."""
    form = SessionLogForm(request.POST or None, user=request.user, initial=_chosen_case(request))
    search = request.GET.get("q", "").strip()
    if search and not form.is_bound:
        form.fields["case"].queryset = form.fields["case"].queryset.filter(
            client__in=Client.objects.search(search)
        )
    same_day = []
    if form.is_valid() and not request.POST.get("not_a_duplicate"):
        same_day = same_day_sessions(
            request.user,
            case=form.cleaned_data["case"],
            day=form.cleaned_data["date"],
            token=form.cleaned_data["submission_token"],
        )
    if form.is_valid() and not same_day:
        session, created = services.session_log(
            form=form, case=form.cleaned_data["case"], logged_by=request.user
        )
        if created:
            messages.success(request, f"{session} with {session.case.client} was logged.")
        else:
            messages.info(request, "That session was already saved; it was not logged twice.")
        return redirect_back(request, "casework:timeline", pk=session.case.client_id)
    context = {"form": form, "search": search, "same_day": same_day}
    return render(request, "casework/session_log.html", context)


def _chosen_case(request) -> dict:
    """Pre-select the case when logging from a client's page (?case=<pk>), within scope."""
    pk = request.GET.get("case")
    if not pk or not pk.isdigit():
        return {}
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    return {"case": case.pk}


def session_detail(request, pk):
    session = get_session(request, pk)
    history = (
        MiddlewareEvents.objects.tracks(session)
        .select_related("user")
        .order_by("-pgh_created_at", "-pgh_id")
    )
    context = client_header(session.case.client)
    context.update(
        session=session,
        interventions=session.interventions.select_related("pathway"),
        history=history,
    )
    return render(request, "casework/session_detail.html", context)


def session_edit(request, pk):
    session = get_session(request, pk)
    edit = edit_versioned(
        lambda data: SessionEditForm(data, instance=copy(session)),
        request.POST or None,
        save=services.session_update,
    )
    if edit.saved:
        messages.success(request, "The session was corrected.")
        return redirect_back(request, "casework:session_detail", pk=session.pk)
    context = client_header(session.case.client)
    context.update(form=edit.form, session=session, conflict=edit.conflict, changes=edit.changes)
    return render(request, "casework/session_edit.html", context)


@require_POST
def action_done(request, pk):
    session = get_session(request, pk)
    services.next_action_done(session=session)
    messages.success(request, f"Marked done: {session.next_action}")
    return redirect_back(request, "home")
