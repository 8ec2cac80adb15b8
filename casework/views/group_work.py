"""SOS+ group work: not about named young people, but still limited to the user's boroughs."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from casework.forms.group_work import GroupSessionFilter, GroupSessionForm
from casework.models import GroupSession
from casework.services import group_work as services
from sos.access import personal_data_required
from sos.keyset import keyset_page

GROUP_SESSIONS_PER_PAGE = 25


@personal_data_required
def group_session_list(request):
    group_sessions = (
        GroupSession.objects.visible_to(request.user)
        .select_related("borough")
        .prefetch_related("facilitators")
    )
    filters = GroupSessionFilter(request.GET, queryset=group_sessions, user=request.user)
    # Keyset pages, newest first, never OFFSET (sos.keyset).
    page = keyset_page(
        filters.qs,
        ["-date", "-pk"],
        size=GROUP_SESSIONS_PER_PAGE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    return render(request, "casework/group_session_list.html", {"filters": filters, "page": page})


@personal_data_required
def group_session_log(request):
    form = GroupSessionForm(request.POST or None, user=request.user)
    if form.is_valid():
        group_session, created = services.group_session_log(form=form, logged_by=request.user)
        if created:
            messages.success(request, f"{group_session} was logged.")
        else:
            messages.info(request, "This group work was already logged; it was not added again.")
        return redirect("casework:group_session_detail", pk=group_session.pk)
    return render(request, "casework/group_session_log.html", {"form": form})


@personal_data_required
def group_session_detail(request, pk):
    group_sessions = (
        GroupSession.objects.visible_to(request.user)
        .select_related("borough", "logged_by")
        .prefetch_related("facilitators")
    )
    group_session = get_object_or_404(group_sessions, pk=pk)
    return render(request, "casework/group_session_detail.html", {"group_session": group_session})
