"""Issue 18.13: errors in the user's words, summarised at the top and linked to their fields;
"(optional)" on optional fields instead of stars; selects that say "Choose ...". Checked on the
real referral and session forms as a person would see them."""

import re
import uuid
from datetime import date

from django.urls import reverse


def summary(html: str) -> str:
    found = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


def test_the_referral_form_summarises_every_error_linked_to_its_field(client, login, alice):
    login(alice)
    data = {"person-first_name": "", "person-date_of_birth": "31/02/2008"}
    html = client.post(reverse("clients:refer"), data).content.decode()
    top = summary(html)
    assert html.index("There is a problem") < html.index('id="id_person-first_name"')
    assert '<a class="alert-link" href="#id_person-first_name">Enter the first name.</a>' in top
    assert "31/02/2008 is not a real date." in top
    assert 'href="#id_person-date_of_birth"' in top
    # Every link in the summary points at a field on the page.
    for target in re.findall(r'href="#([^"]+)"', top):
        assert f'id="{target}"' in html, target
    assert "This field is required" not in html


def test_selects_say_choose_and_optional_fields_say_so(client, login, alice):
    login(alice)
    html = client.get(reverse("clients:refer")).content.decode()
    assert "---------" not in html
    assert re.search(r'<option value=""[^>]*>Choose gender</option>', html)
    first = re.search(r'<label\s+for="id_person-first_name"[^>]*>(.*?)</label>', html, re.S)
    preferred = re.search(r'<label\s+for="id_person-preferred_name"[^>]*>(.*?)</label>', html, re.S)
    assert "(optional)" not in first.group(1) and "*" not in first.group(1)
    assert "(optional)" in preferred.group(1)


def test_the_session_form_summarises_its_errors(client, login, alice, southwark_client):
    login(alice)
    case = southwark_client.cases.get()
    data = {
        "case": case.pk,
        "date": date.today().isoformat(),
        "attendance": "attended",
        "contact_type": "face_to_face",
        "submission_token": str(uuid.uuid4()),
    }
    top = summary(client.post(reverse("casework:session_log"), data).content.decode())
    assert '<a class="alert-link" href="#id_duration_choice_0">' in top
    assert "Choose how long the session took." in top
