"""The audit of reads: every page about a client, every export and every download writes one
AccessRecord (who, when, route, object type and id), from one middleware and one table.

Why a middleware rather than a decorator on each view: the middleware sees the final status, so
only pages actually shown (200) are logged, and a 404 for someone else's record writes nothing
that looks like a view.

Which routes are audited does not rest on a hand-kept list being complete (issue 14.5): every
route whose URL names a young person (`clients/<int:pk>/`) or a support episode
(`support/<int:pk>/`) is audited by that shape, whatever its name; every other route taking a
parameter is audited too, as an unclassified record, unless AUDITED_ROUTES says what it names
or EXEMPT_ROUTES says why it shows no young person. tests/audit/test_audited_routes.py walks
every URL pattern to hold this.
"""

from dataclasses import dataclass

from django.apps import apps

from audit.models import AccessRecord


@dataclass(frozen=True)
class AuditedRoute:
    """`model` is the record the route's `pk` names ("" for pages about no one record);
    `to_client` the lookup from it to its Client ("" when it is the Client, None when the
    record is about no client)."""

    model: str = ""
    to_client: str | None = None


CLIENT = AuditedRoute("clients.Client", "")
CASE = AuditedRoute("clients.Case", "client")
SESSION = AuditedRoute("casework.Session", "case__client")
# A route taking a parameter that nobody has classified yet: logged rather than missed.
UNCLASSIFIED = AuditedRoute("unclassified route")

# URL shapes that name a young person or a support episode, and what the `pk` in them is.
ID_SHAPES = {"clients/<int:pk>/": CLIENT, "support/<int:pk>/": CASE}

# Audited routes whose URL does not have one of those shapes.
AUDITED_ROUTES = {
    "clients:list": AuditedRoute(),
    "casework:goal_review": AuditedRoute("casework.Goal", "case__client"),
    "casework:session_detail": SESSION,
    "casework:session_edit": SESSION,
    # An uploaded file's rows, shown before anyone decides to import them.
    "imports:preview": AuditedRoute("imports.ImportRun"),
    # Downloads and exports.
    "imports:template": AuditedRoute("import template"),
    # Erasure requests name the young person (those under clients/<pk>/ are audited by shape).
    "gdpr:erasure_detail": AuditedRoute("gdpr.ErasureRequest", "client"),
    # The names behind a figure of the return, and the return itself (aggregates only).
    "reporting:return_records": AuditedRoute("monthly return records"),
    "reporting:return_download": AuditedRoute("monthly return"),
    "reporting:justice_data_lab_download": AuditedRoute("Justice Data Lab cohort"),
    "exports:download": AuditedRoute("exports.ExportJob"),
    "exports:sessions_workbook_download": AuditedRoute("exports.ExportJob"),
    # A partner's referral, held for triage: names a young person not yet on the records.
    "referrals:triage": AuditedRoute("referrals.Submission"),
}

# Routes that take a parameter but show no young person, each with the reason.
EXEMPT_ROUTES = {
    "password_reset_confirm": "a reset link's token, before anyone is signed in",
    "staff_edit": "a member of staff, not a young person (staff changes are audited writes)",
    "staff_deactivate": "POST only; redirects to the staff list",
    "passkey_rename": "one of the signed-in person's own passkeys: its name, no young person",
    "passkey_remove": "POST only; redirects to the account page",
    "staff_deactivate_confirm": "a member of staff and their open case count, no young person",
    "staff_reactivate": "POST only; redirects to the staff list",
    "staff_reset_two_factor": "POST only; redirects to the staff page",
    "borough_edit": "a borough's name and settings",
    "clients:risk_flag_clear": "POST only; redirects to the client's page, which is audited",
    "casework:action_done": "POST only; redirects to the session, which is audited",
    "casework:outcome_verify": "POST only; redirects back to the list it came from",
    "casework:group_session_detail": "a workshop: its setting and participant count, no names",
    "casework:reference_list": "a list of reference data (intervention types and the like)",
    "casework:reference_retire": "POST only; redirects to the reference list",
    "casework:reference_offer": "POST only; redirects to the reference list",
    "imports:commit": "POST only; redirects to the import page",
    "imports:cancel": "POST only; redirects to the import page",
    "gdpr:erasure_approve": "POST only; redirects to the erasure list",
    "referrals:partner_edit": "a partner organisation's name, kind and contact email",
    "referrals:partner_rotate": "POST only; shows the partner's new link, no young person",
    "referrals:partner_revoke": "POST only; redirects to the partner list",
    "referrals:ask": "POST only; redirects to the referral queue",
    "referrals:decline": "POST only; redirects to the referral queue",
    "referrals:refer": "the public form behind a partner's link: a blank form, nobody's data "
    "(each referral sent is kept as an Attempt row instead)",
    "referrals:sent": "the public form's thank-you page: the same for every referral",
}
# The Django admin's routes: it registers no model holding client data (tested).
EXEMPT_NAMESPACES = {"admin"}


def audited_route(view_name: str | None, route: str, kwargs: dict) -> AuditedRoute | None:
    """How a shown route is audited, or None when it is not: by its name when AUDITED_ROUTES
    lists it, by the shape of its URL when that names a client or a support episode, and as
    an unclassified record when it takes any other parameter and is not exempt."""
    if view_name in AUDITED_ROUTES:
        return AUDITED_ROUTES[view_name]
    for shape, audited in ID_SHAPES.items():
        if shape in route:
            return audited
    exempt = view_name in EXEMPT_ROUTES or (view_name or "").split(":")[0] in EXEMPT_NAMESPACES
    if kwargs and not exempt:
        return UNCLASSIFIED
    return None


def access_record(*, user, route: str, audited: AuditedRoute, pk) -> AccessRecord:
    """Write the access record for `user` having been shown `route` (about record `pk`)."""
    pk = pk if isinstance(pk, int) else None
    client_id = None
    if pk is not None and audited.to_client == "":
        client_id = pk
    elif pk is not None and audited.to_client:
        model = apps.get_model(audited.model)
        client_id = model.objects.filter(pk=pk).values_list(audited.to_client, flat=True).first()
    return AccessRecord.objects.create(
        user=user, route=route, object_type=audited.model, object_id=pk, client_id=client_id
    )


def access_record_now(request, *, pk: int | None) -> AccessRecord:
    """Write this request's access record now rather than after the response, for a download
    whose watermark names the record; the middleware then writes no second one."""
    match = request.resolver_match
    audited = audited_route(match.view_name, match.route, match.kwargs)
    record = access_record(user=request.user, route=match.view_name, audited=audited, pk=pk)
    request.access_record = record
    return record


# The notes search names the young people whose records it showed, one row each (it writes
# them itself, through `access_records_of_search`, as it alone knows who was shown).
NOTES_SEARCH = "notes search"


def access_records_of_search(request, *, client_ids: list[int]) -> list[AccessRecord]:
    """Record that `request.user` searched the notes and was shown records of these young
    people: one row per young person (a single row naming no one when nothing matched).

    The words searched for are not kept: they are free text about young people ("stabbed",
    a name, an address) and the log holds no values, only who looked at whose records."""
    route = request.resolver_match.view_name
    rows = [
        AccessRecord(user=request.user, route=route, object_type=NOTES_SEARCH, client_id=pk)
        for pk in dict.fromkeys(client_ids) or [None]
    ]
    records = AccessRecord.objects.bulk_create(rows)
    request.access_record = records[0]
    return records


class AccessAuditMiddleware:
    """Log every successful response of an audited route (see `audited_route`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            response.status_code == 200
            and match is not None
            and request.user.is_authenticated
            and not hasattr(request, "access_record")
        ):
            audited = audited_route(match.view_name, match.route, match.kwargs)
            if audited is not None:
                access_record(
                    user=request.user,
                    route=match.view_name,
                    audited=audited,
                    pk=match.kwargs.get("pk"),
                )
        return response
