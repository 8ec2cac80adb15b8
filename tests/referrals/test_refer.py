"""The public referral form: lands in a holding table for the right borough, says nothing about
who is known, and holds its limits."""

import re

from django.test import Client as HttpClient
from django.urls import reverse

from clients.models import Case, Client
from referrals.models import Attempt, AttemptOutcome, Submission
from referrals.services import PER_ADDRESS_PER_HOUR, PER_LINK_PER_HOUR
from tests.factories import ClientFactory
from tests.referrals.conftest import referral_data


def post(client, token, data, address="203.0.113.7"):
    return client.post(reverse("referrals:refer", args=[token]), data, REMOTE_ADDR=address)


def test_it_holds_a_referral_for_its_borough_without_touching_client_records(
    client, southwark, southwark_link
):
    partner, token = southwark_link
    clients_before, cases_before = Client.objects.count(), Case.objects.count()
    response = post(client, token, referral_data(southwark))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:sent", args=[token])
    held = Submission.objects.get()
    assert (held.partner, held.borough, held.first_name) == (partner, southwark, "Tayo")
    assert (Client.objects.count(), Case.objects.count()) == (clients_before, cases_before)
    # Audited: the attempt and the row's insert event.
    assert Attempt.objects.get().outcome == AttemptOutcome.RECEIVED
    assert held.events.count() == 1


def test_it_offers_only_the_partners_boroughs(client, southwark, croydon, southwark_link):
    _partner, token = southwark_link
    page = client.get(reverse("referrals:refer", args=[token])).content.decode()
    assert "Southwark" in page and "Croydon" not in page
    response = post(client, token, referral_data(croydon))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Submission.objects.exists()


def normalised(response) -> str:
    """The page with its per-request CSRF token taken out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_it_answers_the_same_whether_or_not_the_young_person_is_known(southwark, southwark_link):
    _partner, token = southwark_link
    known = ClientFactory(
        borough=southwark, first_name="Known", last_name="Person", pnc_id="08/123456X"
    )
    unknown = referral_data(southwark, first_name="Nobody", last_name="Else")
    same = referral_data(
        southwark,
        first_name=known.first_name,
        last_name=known.last_name,
        date_of_birth=known.date_of_birth.isoformat(),
        pnc_id=known.pnc_id,
    )
    answers = []
    for data in (unknown, same):
        browser = HttpClient()
        response = post(browser, token, data)
        followed = browser.get(response["Location"])
        answers.append((response.status_code, response["Location"], normalised(followed)))
    assert answers[0] == answers[1]
    assert "Known" not in answers[1][2] and "Person" not in answers[1][2]
    assert Submission.objects.count() == 2


def test_it_refuses_an_oversized_answer_beside_its_field(client, southwark, southwark_link):
    _partner, token = southwark_link
    response = post(client, token, referral_data(southwark, reason="x" * 3001))
    assert response.status_code == 200
    form = response.context["form"]
    assert "at most 3000 characters" in form.errors["reason"][0]
    assert not Submission.objects.exists()
    assert Attempt.objects.get().outcome == AttemptOutcome.INVALID


def test_it_drops_a_filled_honeypot_with_the_same_answer(client, southwark, southwark_link):
    _partner, token = southwark_link
    response = post(client, token, referral_data(southwark, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:sent", args=[token])
    assert not Submission.objects.exists()
    assert Attempt.objects.get().outcome == AttemptOutcome.HONEYPOT


def test_it_throttles_one_address(client, southwark, southwark_link, caplog):
    _partner, token = southwark_link
    for _ in range(PER_ADDRESS_PER_HOUR):
        assert post(client, token, referral_data(southwark)).status_code == 302
    refused = post(client, token, referral_data(southwark))
    assert "Too many referrals" in refused.content.decode()
    # Said on the page, not as a 4xx status, which Django would log with the live link.
    assert refused.status_code == 200
    assert token not in caplog.text
    assert Submission.objects.count() == PER_ADDRESS_PER_HOUR
    # Another address on another link is not held back by it.
    assert post(client, token, referral_data(southwark), address="198.51.100.9").status_code == 302


def test_it_throttles_one_link_across_addresses(client, southwark, southwark_link):
    _partner, token = southwark_link
    for n in range(PER_LINK_PER_HOUR):
        response = post(client, token, referral_data(southwark), address=f"192.0.2.{n}")
        assert response.status_code == 302
    refused = post(client, token, referral_data(southwark), address="192.0.2.250")
    assert "Too many referrals" in refused.content.decode()
    assert Submission.objects.count() == PER_LINK_PER_HOUR
    assert Attempt.objects.filter(outcome=AttemptOutcome.THROTTLED).count() == 1


def test_it_works_without_an_account_and_says_what_happens_next(client, southwark_link):
    _partner, token = southwark_link
    page = client.get(reverse("referrals:refer", args=[token]))
    assert page.status_code == 200
    assert "What happens next" in page.content.decode()
