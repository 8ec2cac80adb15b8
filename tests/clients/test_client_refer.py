from datetime import date, timedelta

import pytest
from django.urls import reverse

from clients.models import Case, Client, ReferralSource
from tests.factories import ClientFactory


def referral_data(borough, **overrides):
    data = {
        "person-first_name": "Jordan",
        "person-last_name": "Example",
        "person-date_of_birth": "2009-05-04",
        "person-gender": "male",
        "person-ethnicity": "mixed",
        "person-borough": borough.pk,
        "person-pnc_id": "",
        "person-prison_number": "",
        "case-referral_date": date.today().isoformat(),
        "case-referral_source": ReferralSource.objects.get(name="School").pk,
    }
    return {**data, **overrides}


def test_it_refers_a_new_young_person_with_a_first_case(client, login, alice, southwark):
    login(alice)
    response = client.post(reverse("clients:refer"), referral_data(southwark))
    jordan = Client.objects.get(first_name="Jordan")
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[jordan.pk])
    case = jordan.cases.get()
    assert case.borough == southwark and case.index_date is None
    assert case.status == "referred"


def test_it_offers_the_caseworker_themselves_as_caseworker(client, login, alice):
    login(alice)
    response = client.get(reverse("clients:refer"))
    assert response.context["referral_form"].initial["caseworker"] == alice.pk


def test_it_warns_about_a_likely_duplicate_and_links_to_it(client, login, alice, southwark):
    existing = ClientFactory(
        first_name="Jordan", last_name="Example", date_of_birth=date(2009, 5, 4), borough=southwark
    )
    login(alice)
    response = client.post(reverse("clients:refer"), referral_data(southwark))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This may be someone we already know" in html
    assert reverse("clients:detail", args=[existing.pk]) in html
    assert 'value="Jordan"' in html
    assert Client.objects.count() == 1


def test_it_warns_by_pnc_id_without_linking_to_another_borough(
    client, login, alice, southwark, croydon
):
    other = ClientFactory(first_name="Someone", pnc_id="08/123456X", borough=croydon)
    login(alice)
    data = referral_data(southwark, **{"person-pnc_id": "08/123456x"})
    html = client.post(reverse("clients:refer"), data).content.decode()
    assert "A record in another borough matches" in html
    assert reverse("clients:detail", args=[other.pk]) not in html
    assert "Someone" not in html


def test_it_creates_after_confirming_a_different_person(client, login, alice, southwark):
    ClientFactory(
        first_name="Jordan", last_name="Example", date_of_birth=date(2009, 5, 4), borough=southwark
    )
    login(alice)
    data = referral_data(southwark, not_a_duplicate="1")
    assert client.post(reverse("clients:refer"), data).status_code == 302
    assert Client.objects.filter(first_name="Jordan").count() == 2


def test_it_ignores_a_borough_the_caseworker_does_not_work_in(client, login, alice, croydon):
    login(alice)
    response = client.post(reverse("clients:refer"), referral_data(croydon))
    assert response.status_code == 200
    assert response.context["client_form"].errors["borough"]
    assert not Client.objects.exists()


def in_years(years: int) -> str:
    return (date.today() - timedelta(days=int(years * 365.25) + 10)).isoformat()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("person-date_of_birth", "2999-01-01", "The date of birth cannot be in the future."),
        ("person-date_of_birth", "31/02/2009", "31/02/2009 is not a real date."),
        ("person-date_of_birth", in_years(8), "outside the usual 10 to 30"),
        ("person-date_of_birth", in_years(35), "outside the usual 10 to 30"),
        ("person-pnc_id", "123456", "Enter a PNC ID like 08/123456X."),
        ("person-prison_number", "1234ABC", "Enter a prison number like A1234BC."),
        ("person-first_name", "", "Enter the first name."),
        ("person-first_name", "x" * 101, "at most 100 characters"),
        ("case-referral_date", "2999-01-01", "The referral date cannot be in the future."),
    ],
)
def test_it_explains_bad_input_beside_the_field(
    client, login, alice, southwark, field, value, message
):
    login(alice)
    data = referral_data(southwark, **{field: value, "person-phone": "07700 900123"})
    response = client.post(reverse("clients:refer"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="07700 900123"' in html
    assert not Client.objects.exists() and not Case.objects.exists()


def test_it_accepts_an_unusual_age_once_confirmed(client, login, alice, southwark):
    login(alice)
    data = referral_data(
        southwark, **{"person-date_of_birth": in_years(8), "person-confirm_unusual_age": "on"}
    )
    assert client.post(reverse("clients:refer"), data).status_code == 302


def test_it_asks_for_the_establishment_when_in_custody(client, login, alice, southwark):
    login(alice)
    data = referral_data(southwark, **{"case-in_custody_at_referral": "on"})
    response = client.post(reverse("clients:refer"), data)
    assert "Say which prison or YOI they are in." in response.content.decode()


def test_it_normalises_identifiers(client, login, alice, southwark):
    login(alice)
    data = referral_data(
        southwark, **{"person-pnc_id": " 08/123456x ", "person-prison_number": "a1234bc"}
    )
    client.post(reverse("clients:refer"), data)
    jordan = Client.objects.get()
    assert (jordan.pnc_id, jordan.prison_number) == ("08/123456X", "A1234BC")
