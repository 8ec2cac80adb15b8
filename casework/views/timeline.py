from django.shortcuts import render

from casework.timeline import client_timeline, distance_travelled
from clients.scope import client_header, get_client


def timeline(request, pk):
    client = get_client(request, pk)
    context = client_header(client)
    context.update(entries=client_timeline(client), distance=distance_travelled(client))
    return render(request, "casework/timeline.html", context)
