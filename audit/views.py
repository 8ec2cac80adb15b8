from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from audit import selectors
from audit.forms import AccessSearchForm
from audit.wording import access_in_words
from sos.access import admin_required
from sos.keyset import keyset_page

RECORDS_PER_PAGE = 50


@admin_required
def access_search(request):
    """Search who opened what: by member of staff, client and date range."""
    form = AccessSearchForm(request.GET or None)
    records = selectors.access_search()
    if form.is_valid():
        data = form.cleaned_data
        records = selectors.access_search(
            user=data["user"], client_id=data["client"], since=data["since"], until=data["until"]
        )
    # Keyset pages, newest first, never OFFSET: the access log is the fastest-growing table.
    page = keyset_page(
        records,
        ["-at", "-pk"],
        size=RECORDS_PER_PAGE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    rows = [(record, access_in_words(record)) for record in page]
    return render(request, "audit/access_search.html", {"form": form, "page": page, "rows": rows})


@admin_required
def unusual_access(request):
    """Staff who opened many clients outside their own caseload in one day."""
    threshold = settings.AUDIT_UNUSUAL_CLIENTS_PER_DAY
    since = timezone.localdate() - timedelta(days=settings.AUDIT_UNUSUAL_DAYS_SHOWN)
    days = selectors.unusual_access(threshold=threshold, since=since)
    context = {"days": days, "threshold": threshold, "since": since}
    return render(request, "audit/unusual_access.html", context)
