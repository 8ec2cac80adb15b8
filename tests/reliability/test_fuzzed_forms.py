"""Fuzzed input into the busiest forms never produces a server error: every answer is the
form again with messages (200), a saved record (302), or, for a NUL character, which no field
can store, the refusal page (400, sos.middleware.RefuseNulMiddleware)."""

import uuid

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "31/02/2024", "2024-13-45", "0", "-1", "99999999999", "\x00"]),
)


def expected(data: dict) -> set[int]:
    """400 when any field holds a NUL, else the form again (200) or a saved record (302)."""
    return {400} if any("\x00" in value for value in data.values()) else {200, 302}


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    first_name=text,
    date_of_birth=text,
    pnc_id=text,
    referral_date=text,
    borough=text,
    source=text,
)
def test_it_answers_fuzzed_referrals_without_a_server_error(
    client, login, alice, first_name, date_of_birth, pnc_id, referral_date, borough, source
):
    login(alice)
    data = {
        "person-first_name": first_name,
        "person-last_name": "Fuzz",
        "person-date_of_birth": date_of_birth,
        "person-gender": "male",
        "person-ethnicity": "white",
        "person-borough": borough,
        "person-pnc_id": pnc_id,
        "case-referral_date": referral_date,
        "case-referral_source": source,
    }
    assert client.post(reverse("clients:refer"), data).status_code in expected(data)


@FUZZ
@given(case=text, day=text, duration=text, other=text, attendance=text, notes=text)
def test_it_answers_fuzzed_sessions_without_a_server_error(
    client, login, alice, southwark_client, case, day, duration, other, attendance, notes
):
    login(alice)
    data = {
        "case": case,
        "date": day,
        "duration_choice": duration,
        "duration_other": other,
        "attendance": attendance,
        "contact_type": "face_to_face",
        "notes": notes,
        "submission_token": str(uuid.uuid4()),
    }
    assert client.post(reverse("casework:session_log"), data).status_code in expected(data)
