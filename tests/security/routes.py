"""Every URL pattern the project has, walked from the resolver and filled with sample arguments.

The walk is generic, so routes that other apps add later are covered without touching the tests
that use it. A route with a URL parameter this table cannot fill makes those tests fail with a
message naming it: add it to SAMPLE_KWARGS (or, for an unnamed route, SAMPLE_PATHS).
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from clients.models import ClosureReason

# Route name -> {parameter: function of the sample objects giving its value}. The sample
# objects are the conftest personas and boroughs (see `sample_objects`).
SAMPLE_KWARGS = {
    "staff_edit": {"pk": lambda o: o["alice"].pk},
    "staff_deactivate_confirm": {"pk": lambda o: o["alice"].pk},
    "staff_deactivate": {"pk": lambda o: o["alice"].pk},
    "staff_reactivate": {"pk": lambda o: o["alice"].pk},
    "staff_reset_two_factor": {"pk": lambda o: o["alice"].pk},
    "borough_edit": {"pk": lambda o: o["southwark"].pk},
    "passkey_rename": {"pk": lambda o: o["passkey"].pk},
    "passkey_remove": {"pk": lambda o: o["passkey"].pk},
    "password_reset_confirm": {"uidb64": lambda o: "MQ", "token": lambda o: "set-password"},
}
# Routes about one client, one support episode or one record, by the sample object they take.
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["client"].pk}
        for name in [
            "clients:detail",
            "clients:history",
            "clients:edit",
            "clients:case_open",
            "clients:offence_add",
            "clients:justice_event_add",
            "clients:consent_add",
            "clients:risk_flag_add",
            "casework:timeline",
            "gdpr:subject_access",
            "gdpr:erasure_request",
        ]
    }
)
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["case"].pk}
        for name in [
            "clients:case_edit",
            "clients:case_start",
            "clients:case_close",
            "clients:case_allocate",
            "casework:goal_add",
            "casework:assessment_add",
            "casework:outcome_add",
        ]
    }
)
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["session"].pk}
        for name in [
            "casework:session_detail",
            "casework:session_edit",
            "casework:action_done",
        ]
    }
)
SAMPLE_KWARGS["clients:risk_flag_clear"] = {"pk": lambda o: o["risk_flag"].pk}
SAMPLE_KWARGS["casework:goal_review"] = {"pk": lambda o: o["goal"].pk}
SAMPLE_KWARGS["casework:outcome_verify"] = {"pk": lambda o: o["outcome"].pk}
SAMPLE_KWARGS["casework:group_session_detail"] = {"pk": lambda o: o["group_session"].pk}
SAMPLE_KWARGS["reporting:return_download"] = {"file_format": lambda o: "csv"}
SAMPLE_KWARGS["reporting:justice_data_lab_download"] = {"file_format": lambda o: "csv"}
SAMPLE_KWARGS["gdpr:erasure_approve"] = {"pk": lambda o: o["erasure"].pk}
SAMPLE_KWARGS["gdpr:erasure_detail"] = {"pk": lambda o: o["erasure"].pk}
SAMPLE_KWARGS["casework:reference_list"] = {"slug": lambda o: "closure-reasons"}
SAMPLE_KWARGS.update(
    {
        name: {
            "slug": lambda o: "closure-reasons",
            "pk": lambda o: ClosureReason.objects.first().pk,
        }
        for name in ["casework:reference_retire", "casework:reference_offer"]
    }
)
SAMPLE_KWARGS["imports:template"] = {"kind": lambda o: "clients", "file_format": lambda o: "csv"}
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["import_run"].pk}
        for name in ["imports:preview", "imports:commit", "imports:cancel"]
    }
)
SAMPLE_KWARGS["exports:download"] = {"pk": lambda o: o["export_job"].pk}
SAMPLE_KWARGS["exports:sessions_workbook_download"] = {"pk": lambda o: o["export_job"].pk}
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["partner"].pk}
        for name in [
            "referrals:partner_edit",
            "referrals:partner_rotate",
            "referrals:partner_revoke",
        ]
    }
)
SAMPLE_KWARGS.update(
    {
        name: {"pk": lambda o: o["submission"].pk}
        for name in ["referrals:triage", "referrals:ask", "referrals:decline"]
    }
)
SAMPLE_KWARGS.update(
    {
        name: {"token": lambda o: o["referral_token"]}
        for name in ["referrals:refer", "referrals:sent"]
    }
)

# The Django admin generates its routes per model, so its parameters are filled by name.
ADMIN_KWARGS = {
    "app_label": lambda o: "sos",
    "object_id": lambda o: str(o["alice"].pk),
    "id": lambda o: o["alice"].pk,
    "content_type_id": lambda o: ContentType.objects.get_for_model(o["alice"]).pk,
}

# Routes without a name, by their full pattern: a sample path for each.
SAMPLE_PATHS = {
    "django-admin/(?P<url>.*)$": "/django-admin/no-such-page/",
}


CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def walk(resolver=None, prefix="", namespace="", inherited=frozenset()):
    """Yield (view name or None, full pattern text, parameter names, the URLPattern)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        params = inherited | parameters(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, pattern, inner, params)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, pattern, params, entry


def parameters(pattern) -> frozenset[str]:
    """The named parameters of one level of pattern: path converters or regex groups."""
    if isinstance(pattern, RoutePattern):
        return frozenset(pattern.converters)
    return frozenset(pattern.regex.groupindex)


def sample_url(name, pattern, params, entry, objects) -> str:
    if name is None:
        if pattern in SAMPLE_PATHS:
            return SAMPLE_PATHS[pattern]
        if pattern.startswith("django-admin/") and params <= set(ADMIN_KWARGS):
            # The admin's unnamed per-model redirect, "<model>/<path:object_id>/".
            return "/" + CONVERTER.sub(lambda m: str(ADMIN_KWARGS[m[1]](objects)), pattern)
        raise LookupError(f"Unnamed route {pattern!r}: add a sample path to SAMPLE_PATHS")
    params = params - set(entry.default_args)
    if not params:
        return reverse(name)
    table = SAMPLE_KWARGS.get(name)
    if table is None and name.startswith("admin:") and params <= set(ADMIN_KWARGS):
        table = ADMIN_KWARGS
    if table is None or not params <= set(table):
        raise LookupError(
            f"Route {name!r} ({pattern}) takes {sorted(params)}: add sample values for it "
            "to SAMPLE_KWARGS in tests/security/routes.py"
        )
    return reverse(name, kwargs={param: table[param](objects) for param in params})


def route_urls(objects) -> list[tuple[str, str]]:
    """(route name, sample URL) for every route of the project."""
    return [
        (name or pattern, sample_url(name, pattern, params, entry, objects))
        for name, pattern, params, entry in walk()
    ]
