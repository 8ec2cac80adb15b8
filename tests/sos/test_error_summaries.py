"""Issue 18.13 on every form a person fills: sent with its answers missing, each form comes
back with GOV.UK's error summary at the top, one link per problem to the field's own id on
the page, the message in the person's words (never Django's "This field is required."), what
was typed still there, and optional fields marked "(optional)" rather than required ones
starred. The session, referral and client forms have their own tests (tests/casework,
tests/clients)."""

import re
import uuid
from dataclasses import dataclass, field
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import CaseFactory, GoalFactory, OffenceFactory, PasskeyFactory
from tests.referrals.factories import SubmissionFactory, partner_with_link

DJANGO_REQUIRED = "This field is required."


@dataclass(frozen=True)
class FormCase:
    """One form: who fills it, where (from the sample records), the answers sent (all
    required ones left empty but `typed`), and the value typed that must come back."""

    user: str
    url: object
    data: dict = field(default_factory=dict)
    typed: str = ""
    method: str = "post"
    forms: tuple = ("form",)


def case_pk(o):
    return o["client"].cases.get().pk


FORMS = {
    "group work": FormCase(
        "alice",
        lambda o: reverse("casework:group_session_log"),
        {"setting_name": "Riverside Academy", "submission_token": str(uuid.uuid4())},
        "Riverside Academy",
    ),
    "goal": FormCase(
        "alice",
        lambda o: reverse("casework:goal_add", args=[case_pk(o)]),
        {"description": "Find a college course"},
        "Find a college course",
    ),
    "goal review": FormCase(
        "alice",
        lambda o: reverse("casework:goal_review", args=[o["goal"].pk]),
        {"note": "Enrolled for September"},
        "Enrolled for September",
    ),
    "assessment": FormCase(
        "alice",
        lambda o: reverse("casework:assessment_add", args=[case_pk(o)]),
        {"date": "2026-02-31"},
        "2026-02-31",
    ),
    "outcome": FormCase(
        "alice",
        lambda o: reverse("casework:outcome_add", args=[case_pk(o)]),
        {"evidence": "Letter from the college"},
        "Letter from the college",
    ),
    "offence": FormCase(
        "alice",
        lambda o: reverse("clients:offence_add", args=[o["client"].pk]),
        {"sentence": "Twelve months"},
        "Twelve months",
    ),
    "arrest, charge or outcome": FormCase(
        "alice",
        lambda o: reverse("clients:justice_event_add", args=[o["client"].pk]),
        {"date": "2025-02-30"},
        "2025-02-30",
    ),
    "consent": FormCase(
        "alice",
        lambda o: reverse("clients:consent_add", args=[o["client"].pk]),
        {"notes": "Asked at the first meeting"},
        "Asked at the first meeting",
    ),
    "risk": FormCase(
        "alice",
        lambda o: reverse("clients:risk_flag_add", args=[o["client"].pk]),
        {"notes": "Avoid the estate"},
        "Avoid the estate",
    ),
    "case close": FormCase(
        "alice",
        lambda o: reverse("clients:case_close", args=[case_pk(o)]),
        {"closure_notes": "Moved to Leeds", "version": 1},
        "Moved to Leeds",
    ),
    "case start": FormCase(
        "alice",
        lambda o: reverse("clients:case_start", args=[o["referred"].pk]),
        {"index_date": "2026-13-01"},
        "2026-13-01",
    ),
    "reference list entry": FormCase(
        "admin_user",
        lambda o: reverse("casework:reference_list", args=["closure-reasons"]),
        {"name": ""},
    ),
    "staff": FormCase(
        "admin_user",
        lambda o: reverse("staff_add"),
        {"first_name": "Dana"},
        "Dana",
    ),
    "borough": FormCase("admin_user", lambda o: reverse("borough_add"), {"area": "South"}, "South"),
    "target": FormCase(
        "admin_user",
        lambda o: reverse("reporting:target_set"),
        {"year_start": "2026-04"},
        "2026-04",
    ),
    "partner organisation": FormCase(
        "admin_user",
        lambda o: reverse("referrals:partner_add"),
        {"name": "Eastside Youth Offending Team"},
        "Eastside Youth Offending Team",
    ),
    "partner's referral": FormCase(
        None,
        lambda o: reverse("referrals:refer", args=[o["referral_token"]]),
        {"first_name": "Rio"},
        "Rio",
    ),
    "partner's referral accepted": FormCase(
        "manager",
        lambda o: reverse("referrals:triage", args=[o["submission"].pk]),
        {"person-first_name": "Rio", "person-last_name": ""},
        "Rio",
        forms=("client_form", "referral_form"),
    ),
    "more asked of a partner": FormCase(
        "manager",
        lambda o: reverse("referrals:ask", args=[o["submission"].pk]),
        {"note": ""},
        forms=("ask_form",),
    ),
    "import": FormCase("manager", lambda o: reverse("imports:start"), {"kind": "clients"}),
    "sessions workbook": FormCase(
        "manager",
        lambda o: reverse("exports:sessions_workbook"),
        {"date_from": "2026-01-01"},
        "2026-01-01",
    ),
    "Justice Data Lab cohort": FormCase(
        "admin_user",
        lambda o: reverse("reporting:justice_data_lab"),
        {"index_from": "2025-02-29", "index_to": ""},
        "2025-02-29",
        method="get",
    ),
    "erasure request": FormCase(
        "admin_user",
        lambda o: reverse("gdpr:erasure_request", args=[o["client"].pk]),
        {"reason": ""},
    ),
    "password change": FormCase("alice", lambda o: reverse("password_change")),
    "password reset request": FormCase(None, lambda o: reverse("password_reset"), {"email": ""}),
    "passkey name": FormCase(
        "alice", lambda o: reverse("passkey_rename", args=[o["passkey"].pk]), {"name": ""}
    ),
}


@pytest.fixture
def objects(southwark, southwark_client, alice):
    case = southwark_client.cases.get()
    OffenceFactory(client=southwark_client, recorded_by=alice)
    partner, token = partner_with_link(boroughs=[southwark])
    return {
        "client": southwark_client,
        "goal": GoalFactory(case=case),
        "referred": CaseFactory(client__borough=southwark, caseworker=alice, index_date=None),
        "passkey": PasskeyFactory(user=alice),
        "referral_token": token,
        "submission": SubmissionFactory(partner=partner),
    }


def summary_links(html: str) -> list[tuple[str, str]]:
    """(target id, message) of each link in the page's error summary."""
    summary = html.split('class="alert alert-danger error-summary"', 1)[1].split("</div>", 1)[0]
    return [
        (target, unescape(text))
        for target, text in re.findall(
            r'<a class="alert-link" href="#([^"]+)">([^<]+)</a>', summary
        )
    ]


@pytest.mark.parametrize("name", FORMS)
def test_it_summarises_each_problem_in_plain_words(client, login, request, objects, name):
    form_case = FORMS[name]
    if form_case.user:
        login(request.getfixturevalue(form_case.user))
    url = form_case.url(objects)
    response = getattr(client, form_case.method)(url, form_case.data)
    html = response.content.decode()
    shown = [response.context[key] for key in form_case.forms]
    assert any(form.errors for form in shown), "the form was accepted"
    links = summary_links(html)
    expected = [
        (bound.id_for_label or f"{bound.auto_id}_0", str(error))
        for form in shown
        for bound in form
        for error in bound.errors
    ]
    assert sorted(links) == sorted(expected)
    for target, message in links:
        assert f'id="{target}"' in html, f"the summary links to #{target}, not on the page"
        assert message.endswith(".") and " ." not in message, message
    assert DJANGO_REQUIRED not in html
    required_missing = [
        str(bound.errors[0])
        for form in shown
        for bound in form
        if bound.field.required and not form.data.get(bound.html_name) and bound.errors
    ]
    # "Enter the ..." or "Choose the ...", or the form's own words ("Give the passkey a name").
    assert all(m.startswith(("Enter ", "Choose ", "Give ")) for m in required_missing)
    if form_case.typed:
        kept = re.escape(form_case.typed)
        assert re.search(rf'value="{kept}"|>\s*{kept}</textarea>', html), "what was typed is lost"


@pytest.mark.parametrize("name", FORMS)
def test_it_marks_optional_fields_not_required_ones(client, login, request, objects, name):
    form_case = FORMS[name]
    if form_case.user:
        login(request.getfixturevalue(form_case.user))
    response = getattr(client, form_case.method)(form_case.url(objects), form_case.data)
    html = response.content.decode()
    assert 'class="asteriskField"' not in html
    assert "---------" not in html  # selects say "Choose ..."
    for bound in (bound for key in form_case.forms for bound in response.context[key]):
        optional = not bound.field.required and not bound.is_hidden
        if optional and bound.id_for_label and bound.widget_type != "checkbox":
            marked = rf'for="{bound.id_for_label}"[^>]*>[^<]*<span class="optional-marker">'
            assert re.search(marked, html), f"{bound.name} is optional but not marked so"
