from datetime import date, timedelta

from django.urls import reverse

from clients.models import ConsentScope, OffenceCategory, RiskFlagType
from tests.factories import ConsentFactory, RiskFlagFactory


def test_it_records_an_offence_with_its_author(client, login, alice, southwark_client):
    login(alice)
    data = {
        "offence_date": "2025-06-01",
        "category": OffenceCategory.objects.get(name="Robbery").pk,
        "outcome": "conviction",
        "outcome_date": "2025-09-01",
        "sentence": "Referral order",
    }
    url = reverse("clients:offence_add", args=[southwark_client.pk])
    assert client.post(url, data).status_code == 302
    offence = southwark_client.offences.get()
    assert offence.recorded_by == alice and offence.is_proven


def test_it_refuses_an_outcome_before_the_offence(client, login, alice, southwark_client):
    login(alice)
    data = {
        "offence_date": "2025-06-01",
        "category": OffenceCategory.objects.get(name="Robbery").pk,
        "outcome": "caution",
        "outcome_date": "2025-05-01",
        "sentence": "Kept",
    }
    response = client.post(reverse("clients:offence_add", args=[southwark_client.pk]), data)
    assert response.status_code == 200
    assert "The outcome cannot come before the offence." in response.content.decode()
    assert 'value="Kept"' in response.content.decode()


def test_it_ignores_a_posted_author_and_client(client, login, alice, bob, southwark_client):
    other = southwark_client.__class__.objects.exclude(pk=southwark_client.pk).first()
    login(alice)
    data = {
        "scope": ConsentScope.JUSTICE_DATA_LAB,
        "given": "True",
        "date": date.today().isoformat(),
        "recorded_by": bob.pk,
        "client": other.pk if other else 999,
    }
    client.post(reverse("clients:consent_add", args=[southwark_client.pk]), data)
    consent = southwark_client.consents.get()
    assert consent.recorded_by == alice and consent.client == southwark_client


def test_it_shows_the_latest_consent_per_scope(client, login, alice, southwark_client):
    ConsentFactory(client=southwark_client, date=date(2025, 1, 1), given=True)
    ConsentFactory(client=southwark_client, date=date(2025, 3, 1), given=False)
    login(alice)
    response = client.get(reverse("clients:detail", args=[southwark_client.pk]))
    [current] = response.context["current_consent"]
    assert current.given is False


def test_it_adds_and_clears_a_risk_flag_shown_in_the_header(client, login, alice, southwark_client):
    login(alice)
    data = {
        "flag_type": RiskFlagType.objects.get(name="Weapon carrying").pk,
        "level": "high",
        "review_date": (date.today() + timedelta(days=30)).isoformat(),
    }
    client.post(reverse("clients:risk_flag_add", args=[southwark_client.pk]), data)
    flag = southwark_client.risk_flags.get()
    for url_name in ["clients:detail", "clients:edit", "clients:offence_add"]:
        html = client.get(reverse(url_name, args=[southwark_client.pk])).content.decode()
        assert "Weapon carrying: High" in html
    client.post(reverse("clients:risk_flag_clear", args=[flag.pk]))
    flag.refresh_from_db()
    assert flag.cleared_on == date.today()


def test_it_rejects_get_on_clearing_a_flag(client, login, alice, southwark_client):
    flag = RiskFlagFactory(client=southwark_client)
    login(alice)
    assert client.get(reverse("clients:risk_flag_clear", args=[flag.pk])).status_code == 405


def test_it_marks_an_overdue_review(client, login, alice, southwark_client):
    RiskFlagFactory(client=southwark_client, review_date=date.today() - timedelta(days=1))
    login(alice)
    html = client.get(reverse("clients:detail", args=[southwark_client.pk])).content.decode()
    assert "review overdue" in html
