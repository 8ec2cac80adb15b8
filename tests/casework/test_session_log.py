import uuid
from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse

from casework.models import InterventionType, Session
from clients.models import ClosureReason
from tests.concurrency import post_as, race
from tests.factories import CaseFactory


def log_data(case, **overrides):
    data = {
        "case": case.pk,
        "date": date.today().isoformat(),
        "duration_choice": "30",
        "attendance": "attended",
        "contact_type": "face_to_face",
        "submission_token": str(uuid.uuid4()),
    }
    return {**data, **overrides}


@pytest.fixture
def case(southwark_client):
    return southwark_client.cases.get()


def test_it_logs_a_session_and_shows_it_on_the_timeline(client, login, alice, case):
    login(alice)
    cv = InterventionType.objects.get(name="CV workshop")
    response = client.post(
        reverse("casework:session_log"), log_data(case, interventions=[cv.pk]), follow=True
    )
    session = Session.objects.get()
    assert (session.duration_minutes, session.logged_by, session.case) == (30, alice, case)
    assert list(session.interventions.all()) == [cv]
    assert response.request["PATH_INFO"] == reverse("casework:timeline", args=[case.client_id])
    assert "CV workshop" in response.content.decode()


def test_it_defaults_to_today_and_my_caseload_first(client, login, alice, bob, southwark, case):
    bobs = CaseFactory(client__borough=southwark, client__last_name="Aardvark", caseworker=bob)
    login(alice)
    form = client.get(reverse("casework:session_log")).context["form"]
    assert form.initial["date"] == date.today()
    assert list(form.fields["case"].queryset) == [case, bobs]


def test_it_preselects_the_case_from_the_client_page(client, login, alice, case):
    login(alice)
    response = client.get(reverse("casework:session_log"), {"case": case.pk})
    assert response.context["form"].initial["case"] == case.pk


def test_it_404s_for_other_borough(client, login, charlie, case):
    login(charlie)
    assert client.get(reverse("casework:session_log"), {"case": case.pk}).status_code == 404
    response = client.post(reverse("casework:session_log"), log_data(case))
    assert response.context["form"].errors["case"]
    assert not Session.objects.exists()


def test_it_never_logs_a_resubmitted_form_twice(client, login, alice, case):
    login(alice)
    data = log_data(case)
    client.post(reverse("casework:session_log"), data)
    response = client.post(reverse("casework:session_log"), data, follow=True)
    assert Session.objects.count() == 1
    assert "already saved" in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_logs_one_session_when_a_double_click_posts_twice_at_once(southwark, alice):
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    data = log_data(case)
    url = reverse("casework:session_log")
    statuses = race(post_as(alice, url, data), post_as(alice, url, data))
    assert statuses == [302, 302]
    assert Session.objects.count() == 1


def test_it_sets_the_index_date_from_the_first_attended_session(client, login, alice, southwark):
    case = CaseFactory(client__borough=southwark, caseworker=alice, index_date=None)
    login(alice)
    first = case.referral_date + timedelta(days=2)
    client.post(reverse("casework:session_log"), log_data(case, attendance="dna"))
    case.refresh_from_db()
    assert case.index_date is None  # a missed session does not start support
    client.post(reverse("casework:session_log"), log_data(case, date=first.isoformat()))
    case.refresh_from_db()
    assert case.index_date == first


def test_it_leaves_a_custody_cases_index_date_to_the_release(client, login, alice, southwark):
    release = date.today() - timedelta(days=10)
    case = CaseFactory(
        client__borough=southwark,
        caseworker=alice,
        in_custody_at_referral=True,
        establishment="HMYOI Demo",
        index_date=release,
    )
    login(alice)
    earlier = (release - timedelta(days=5)).isoformat()
    client.post(
        reverse("casework:session_log"), log_data(case, date=earlier, contact_type="prison_visit")
    )
    case.refresh_from_db()
    assert case.index_date == release


def closed_case(southwark, alice):
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    case.closure_date = date.today() - timedelta(days=3)
    case.closure_reason = ClosureReason.objects.get(name="Completed")
    case.save()
    return case


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "2999-01-01"}, "date", "The session date cannot be in the future."),
        ({"duration_choice": "other", "duration_other": "0"}, "duration_other", "greater than"),
        ({"duration_choice": "other", "duration_other": "721"}, "duration_other", "12 hours"),
        ({"duration_choice": "other"}, "duration_other", "Enter how many minutes"),
        ({"duration_choice": ""}, "duration_choice", "Choose how long the session took."),
        ({"attendance": "dna", "interventions": "CV"}, "interventions", "only delivered"),
        ({"next_action_due": "2030-01-01"}, "next_action", "Say what the next action is"),
    ],
)
def test_it_explains_bad_input_beside_the_field(
    client, login, alice, case, overrides, field, message
):
    if overrides.get("interventions") == "CV":
        overrides["interventions"] = [InterventionType.objects.get(name="CV workshop").pk]
    login(alice)
    data = log_data(case, location="Kept youth centre", **overrides)
    response = client.post(reverse("casework:session_log"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in response.content.decode()
    assert 'value="Kept youth centre"' in response.content.decode()
    assert not Session.objects.exists()


def test_it_refuses_a_session_before_referral(client, login, alice, case):
    login(alice)
    before = (case.referral_date - timedelta(days=1)).isoformat()
    response = client.post(reverse("casework:session_log"), log_data(case, date=before))
    assert "before the referral" in str(response.context["form"].errors["date"])


def test_it_offers_no_closed_case(client, login, alice, southwark):
    case = closed_case(southwark, alice)
    login(alice)
    response = client.post(reverse("casework:session_log"), log_data(case))
    assert response.context["form"].errors["case"]


def test_it_keeps_evaluators_out(client, login, evaluator):
    login(evaluator)
    assert client.get(reverse("casework:session_log")).status_code == 403


def more_details(response) -> str:
    """The <details> element that folds the less common fields, as rendered."""
    html = response.content.decode()
    start = html.index("<details", html.index("Interventions delivered"))
    return html[start : html.index(">", start) + 1]


def test_it_folds_the_less_common_fields_until_they_hold_something(client, login, alice, case):
    login(alice)
    url = reverse("casework:session_log")
    assert " open" not in more_details(client.get(url, {"case": case.pk}))
    # A due date without an action is an error: the fold opens so the error is seen.
    response = client.post(url, log_data(case, next_action_due=date.today().isoformat()))
    assert response.context["form"].errors["next_action"]
    assert " open" in more_details(response)
    assert not Session.objects.exists()


def test_it_leaves_out_the_search_when_the_young_person_is_chosen(client, login, alice, case):
    login(alice)
    url = reverse("casework:session_log")
    assert 'id="find-client"' in client.get(url).content.decode()
    assert 'id="find-client"' not in client.get(url, {"case": case.pk}).content.decode()


@pytest.mark.parametrize("attendance", ["dna", "cancelled"])
def test_it_logs_a_session_that_did_not_go_ahead_without_a_length(
    client, login, alice, case, attendance
):
    login(alice)
    data = log_data(case, attendance=attendance, duration_choice="")
    response = client.post(reverse("casework:session_log"), data, follow=True)
    session = Session.objects.get()
    assert (session.attendance, session.duration_minutes) == (attendance, None)
    timeline = response.content.decode()
    assert ("did not attend" if attendance == "dna" else "cancelled") in timeline
    assert "None" not in timeline


def test_it_drops_a_length_tapped_before_did_not_attend(client, login, alice, case):
    login(alice)
    client.post(reverse("casework:session_log"), log_data(case, attendance="dna"))
    assert Session.objects.get().duration_minutes is None


def test_the_database_refuses_an_attended_session_without_a_length(alice, case):
    with pytest.raises(IntegrityError):
        Session.objects.create(case=case, date=date.today(), logged_by=alice)


def test_it_warns_of_a_session_on_the_same_day_and_saves_it_when_asked(
    client, login, alice, bob, case
):
    login(bob)
    client.post(reverse("casework:session_log"), log_data(case))
    login(alice)
    data = log_data(case, duration_choice="45")
    response = client.post(reverse("casework:session_log"), data)
    assert response.status_code == 200
    warning = response.content.decode()
    assert "already has a session on" in warning
    assert "30 min, attended" in warning and str(bob) in warning
    assert Session.objects.count() == 1

    response = client.post(reverse("casework:session_log"), {**data, "not_a_duplicate": "1"})
    assert response.status_code == 302
    assert sorted(Session.objects.values_list("duration_minutes", flat=True)) == [30, 45]


def test_it_does_not_warn_for_another_day_or_young_person(client, login, alice, case, southwark):
    other = CaseFactory(client__borough=southwark, caseworker=alice)
    login(alice)
    client.post(reverse("casework:session_log"), log_data(case))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for data in [log_data(case, date=yesterday), log_data(other)]:
        assert client.post(reverse("casework:session_log"), data).status_code == 302
    assert Session.objects.count() == 3
