"""The audit of reads: every page about a client, every export and every download writes one
AccessRecord (who, when, route, object type and id), from one middleware and one table.

Why a middleware rather than a decorator on each view: the table below is the one place to
review, next to the route matrix, and a test fails when a client page is missing from it;
the middleware sees the final status, so only pages actually shown (200) are logged, and a
404 for someone else's record writes nothing that looks like a view.
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

AUDITED_ROUTES = {
    "clients:list": AuditedRoute(),
    "clients:detail": CLIENT,
    "clients:edit": CLIENT,
    "clients:offence_add": CLIENT,
    "clients:justice_event_add": CLIENT,
    "clients:consent_add": CLIENT,
    "clients:risk_flag_add": CLIENT,
    "casework:timeline": CLIENT,
    "clients:case_edit": CASE,
    "clients:case_close": CASE,
    "clients:case_allocate": CASE,
    "casework:goal_add": CASE,
    "casework:assessment_add": CASE,
    "casework:outcome_add": CASE,
    "casework:goal_review": AuditedRoute("casework.Goal", "case__client"),
    "casework:session_detail": SESSION,
    "casework:session_edit": SESSION,
    # An uploaded file's rows, shown before anyone decides to import them.
    "imports:preview": AuditedRoute("imports.ImportRun"),
    # Downloads and exports.
    "imports:template": AuditedRoute("import template"),
    "gdpr:subject_access": CLIENT,
    # Erasure pages name the young person.
    "gdpr:erasure_request": CLIENT,
    "gdpr:erasure_detail": AuditedRoute("gdpr.ErasureRequest", "client"),
    # The names behind a figure of the return, and the return itself (aggregates only).
    "reporting:return_records": AuditedRoute("monthly return records"),
    "reporting:return_download": AuditedRoute("monthly return"),
    "reporting:justice_data_lab_download": AuditedRoute("Justice Data Lab cohort"),
    "exports:download": AuditedRoute("exports.ExportJob"),
    "exports:sessions_workbook_download": AuditedRoute("exports.ExportJob"),
}


def access_record(*, user, route: str, pk: int | None) -> AccessRecord:
    """Write the access record for `user` having been shown `route` (about record `pk`)."""
    audited = AUDITED_ROUTES[route]
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
    record = access_record(user=request.user, route=request.resolver_match.view_name, pk=pk)
    request.access_record = record
    return record


class AccessAuditMiddleware:
    """Log every successful response of an audited route (see AUDITED_ROUTES)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            response.status_code == 200
            and match is not None
            and match.view_name in AUDITED_ROUTES
            and request.user.is_authenticated
            and not hasattr(request, "access_record")
        ):
            access_record(user=request.user, route=match.view_name, pk=match.kwargs.get("pk"))
        return response
