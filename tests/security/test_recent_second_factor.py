"""Downloads of personal data ask for the second factor again when it was proved more than
RECENT_SECOND_FACTOR_MINUTES ago (issue 7: "personal-data exports need a recent 2FA check")."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SUBJECT_ACCESS = "gdpr:subject_access"


@pytest.fixture
def stale(client, login, admin_user, settings):
    """An admin whose session proved its second factor 16 minutes ago."""
    settings.RECENT_SECOND_FACTOR_MINUTES = 15
    login(admin_user)
    session = client.session
    session["second_factor_at"] -= 16 * 60
    session.save()
    return client


def test_it_lets_a_recent_second_factor_download(client, login, admin_user, southwark_client):
    login(admin_user)
    response = client.get(reverse(SUBJECT_ACCESS, args=[southwark_client.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


def test_it_asks_again_after_fifteen_minutes_then_downloads(stale, admin_user, southwark_client):
    url = reverse(SUBJECT_ACCESS, args=[southwark_client.pk])
    response = stale.get(url)
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("two_factor_verify")
    assert parse_qs(target.query)["next"] == [url]

    page = stale.get(response["Location"])
    assert page.status_code == 200  # the code form, although the session is verified
    device = TOTPDevice.objects.get(user=admin_user)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    answer = stale.post(response["Location"], {"code": code})
    assert answer.status_code == 302 and answer["Location"] == url
    assert stale.get(url).status_code == 200


def test_it_sends_a_stale_download_post_back_to_its_page(stale):
    page = reverse("reporting:justice_data_lab")
    response = stale.post(
        reverse("reporting:justice_data_lab_download", args=["csv"]),
        {"index_from": "2025-01-01", "index_to": "2025-12-31"},
        HTTP_REFERER=f"http://testserver{page}",
    )
    assert response.status_code == 302
    assert parse_qs(urlparse(response["Location"]).query)["again"] == ["1"]


def test_it_asks_again_before_making_new_backup_codes(stale, admin_user):
    page = reverse("two_factor_backup_codes")
    tokens = StaticToken.objects.filter(device__user=admin_user)
    before = set(tokens.values_list("token", flat=True))
    response = stale.post(page, HTTP_REFERER=f"http://testserver{page}")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("two_factor_verify")
    assert parse_qs(target.query)["next"] == [f"http://testserver{page}"]
    assert set(tokens.values_list("token", flat=True)) == before


def test_it_makes_new_backup_codes_after_a_recent_second_factor(client, login, admin_user):
    login(admin_user)
    response = client.post(reverse("two_factor_backup_codes"))
    assert response.status_code == 200
    shown = set(response.context["codes"])
    assert shown == set(
        StaticToken.objects.filter(device__user=admin_user).values_list("token", flat=True)
    )
    assert len(shown) > 0
