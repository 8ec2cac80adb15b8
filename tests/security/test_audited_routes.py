"""The audit of reads is structural (issue 14.5): every route whose URL takes an id is audited,
by name, by the shape of its URL or as unclassified, unless exempt with a reason; walked here
over every URL pattern the project has, by rule and by request."""

from datetime import date

from django.contrib import admin

from audit.models import AccessRecord
from audit.reads import AUDITED_ROUTES, EXEMPT_ROUTES, audited_route
from sos.access import BoroughScopedQuerySet
from tests.factories import CaseFactory
from tests.security.routes import walk


def parameter_routes():
    """(view name, route text, parameters) of every route that takes a parameter."""
    return [
        (name, pattern, params - set(entry.default_args))
        for name, pattern, params, entry in walk()
        if params - set(entry.default_args)
    ]


def test_it_audits_every_route_that_takes_an_id_unless_exempt_with_a_reason():
    unaudited = {
        name or pattern
        for name, pattern, params in parameter_routes()
        if audited_route(name, pattern, dict.fromkeys(params, 1)) is None
    }
    exempt = {name for name in unaudited if name in EXEMPT_ROUTES}
    admin_routes = {name for name in unaudited if name.startswith(("admin:", "django-admin/"))}
    assert unaudited == exempt | admin_routes
    assert all(reason.strip() for reason in EXEMPT_ROUTES.values())


def test_it_audits_a_new_client_or_support_route_by_its_url_alone():
    for route in ["clients/<int:pk>/anything-new/", "casework/support/<int:pk>/new-thing/"]:
        audited = audited_route("clients:anything_new", route, {"pk": 1})
        assert audited is not None and audited.to_client is not None
    assert audited_route("casework:new_thing", "casework/thing/<int:pk>/", {"pk": 1}) is not None


def test_it_names_only_routes_that_exist():
    names = {name for name, _pattern, _params, _entry in walk()}
    assert set(AUDITED_ROUTES) - names == set()
    assert set(EXEMPT_ROUTES) - names == set()
    assert set(AUDITED_ROUTES) & set(EXEMPT_ROUTES) == set()


def test_it_exempts_the_django_admin_only_because_it_holds_no_client_data():
    for model in admin.site._registry:
        assert not isinstance(model._default_manager.all(), BoroughScopedQuerySet), model


def test_it_writes_an_access_record_for_every_page_with_an_id_shown(
    client, login, admin_user, routes
):
    login(admin_user)
    walked = set()
    for name, url in routes:
        before = AccessRecord.objects.filter(route=name).count()
        response = client.get(url)
        written = AccessRecord.objects.filter(route=name).count() - before
        if response.status_code != 200 or name in EXEMPT_ROUTES or "admin" in name:
            continue
        match = response.resolver_match
        if match.kwargs:
            walked.add(name)
            assert written == 1, name
    assert {"clients:detail", "casework:timeline", "casework:goal_add"} <= walked


def test_it_audits_opening_support_for_a_young_person(client, login, alice, southwark):
    young_person = CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        referral_date=date(2025, 1, 2),
        index_date=date(2025, 1, 9),
        closure_date=date(2025, 3, 31),
    ).client
    login(alice)
    assert client.get(f"/clients/{young_person.pk}/support/new/").status_code == 200
    (record,) = AccessRecord.objects.filter(route="clients:case_open")
    assert (record.user, record.client_id) == (alice, young_person.pk)
