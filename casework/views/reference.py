"""Reference data pages for admins: each list with its entries, a form to add one, buttons to
retire or offer again (never delete), and who changed what."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from casework.forms.reference import reference_entry_form
from casework.reference_lists import LISTS, ReferenceList, reference_changes
from casework.services import reference as services
from sos.access import admin_required


def get_list(slug: str) -> ReferenceList:
    if slug not in LISTS:
        raise Http404
    return LISTS[slug]


@admin_required
def reference_index(request):
    return render(request, "casework/reference_index.html", {"lists": LISTS.values()})


@admin_required
def reference_list(request, slug):
    reference = get_list(slug)
    form = reference_entry_form(reference)(request.POST or None)
    if form.is_valid():
        entry = services.reference_add(form=form)
        messages.success(request, f"\u201c{entry}\u201d was added and is offered on forms now.")
        return redirect("casework:reference_list", slug=slug)
    context = {
        "reference": reference,
        "form": form,
        "entries": reference.entries(),
        "history": reference_changes(reference),
    }
    return render(request, "casework/reference_list.html", context)


@admin_required
@require_POST
def reference_set_active(request, slug, pk, active):
    reference = get_list(slug)
    entry = get_object_or_404(reference.model, pk=pk)
    services.reference_set_active(entry=entry, active=active)
    if active:
        messages.success(request, f"\u201c{entry}\u201d is offered on forms again.")
    else:
        messages.success(
            request, f"\u201c{entry}\u201d was retired: no longer offered, kept on past records."
        )
    return redirect("casework:reference_list", slug=slug)
