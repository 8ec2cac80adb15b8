from django.shortcuts import render
from django.utils import timezone

from casework.forms.timeline import TimelineFilterForm
from casework.timeline import distance_travelled, timeline_page
from clients.scope import client_header, get_client


def timeline(request, pk):
    client = get_client(request, pk)
    form = TimelineFilterForm(request.GET)
    # Keyset pages (Next/Previous carry an entry's key), never the whole history: see
    # casework.timeline.
    page = timeline_page(
        client,
        **form.filters(timezone.localdate()),
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    context = client_header(client)
    context.update(form=form, page=page, distance=distance_travelled(client))
    return render(request, "casework/timeline.html", context)
