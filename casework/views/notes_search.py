from django.shortcuts import render

from audit.reads import access_records_of_search
from casework.forms.notes_search import NotesSearchForm
from casework.notes_search import MATCHES_SHOWN, search_notes
from sos.access import personal_data_required


@personal_data_required
def notes_search(request):
    form = NotesSearchForm(request.GET or None)
    matches = None
    if form.is_valid():
        matches = search_notes(request.user, form.cleaned_data["q"])
        access_records_of_search(request, client_ids=[match.client.pk for match in matches])
    return render(
        request,
        "casework/notes_search.html",
        {"form": form, "matches": matches, "most": MATCHES_SHOWN},
    )
