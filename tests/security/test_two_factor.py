"""Two-factor sign-in: enrolment at first login, codes, backup codes, replay, admin reset, and
no page reachable by a session that has not proved a second factor."""

import logging

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sos import services
from tests.factories import TEST_PASSWORD

# Pages a signed-in person reaches before proving a second factor (all else redirects).
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "health",
    "two_factor_verify",
    "two_factor_enrol",
    # The passkey script's messages (no data), on the sign-in page, and the passkey sign-in
    # itself (a passkey is both factors), which answers a GET with 405: it is JSON POSTs only.
    "otp_webauthn:js-i18n-catalog",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "admin:login",
    # The public referral form and its thank-you page: open to anyone with a partner's link.
    "referrals:refer",
    "referrals:sent",
}


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def sign_in_with_password(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("persona", ["alice", "manager", "admin_user", "evaluator"])
def test_it_lets_no_unverified_session_reach_any_page(client, request, persona, routes):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    leaks = []
    for name, url in routes:
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        response = client.get(url)
        if not (
            response.status_code == 302
            and response["Location"].startswith(reverse("two_factor_verify"))
        ):
            leaks.append((name, response.status_code))
    assert leaks == []


def test_it_enrols_at_first_login_and_shows_backup_codes_once(client, alice):
    sign_in_with_password(client, alice)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_enrol"))
    page = response.content.decode()
    assert "<svg" in page and "<path" in page
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    response = client.post(response.redirect_chain[-1][0], {"code": code_for(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_it_keeps_the_same_secret_until_enrolment_is_finished(client, alice):
    client.force_login(alice)
    first = client.get(reverse("two_factor_enrol")).context["secret"]
    assert client.get(reverse("two_factor_enrol")).context["secret"] == first


def test_it_refuses_a_wrong_code_at_enrolment(client, alice):
    client.force_login(alice)
    client.get(reverse("two_factor_enrol"))
    response = client.post(reverse("two_factor_enrol"), {"code": "000000x"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert client.get(reverse("home")).status_code == 302


def test_it_sends_an_enrolled_person_to_verify_not_to_enrol_again(client, alice):
    enrolled(alice)
    client.force_login(alice)
    response = client.get(reverse("two_factor_enrol"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_it_verifies_a_code_and_goes_on_to_the_page_asked_for(client, alice):
    device = enrolled(alice)
    sign_in_with_password(client, alice)
    response = client.get(reverse("password_change"))
    assert response["Location"] == f"{reverse('two_factor_verify')}?next=/accounts/password_change/"
    response = client.post(response["Location"], {"code": code_for(device)})
    assert response["Location"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200


def test_it_gives_a_new_session_id_when_the_second_factor_is_proved(client, alice):
    device = enrolled(alice)
    sign_in_with_password(client, alice)
    before = client.cookies["sessionid"].value
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert client.cookies["sessionid"].value != before


def test_it_ignores_a_next_page_on_another_site(client, alice):
    device = enrolled(alice)
    client.force_login(alice)
    url = reverse("two_factor_verify") + "?next=https://evil.example/"
    response = client.post(url, {"code": code_for(device)})
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("next_page", ["abc", "-1", '"><svg onload=x()>'])
def test_it_sends_a_verified_person_home_for_a_next_that_is_no_path(
    client, login, alice, next_page
):
    # Text that is not a path was read as a view name: a 500 (found by tests/fuzz).
    login(alice)
    response = client.get(reverse("two_factor_verify"), {"next": next_page})
    assert response["Location"] == reverse("home")


def test_it_refuses_a_replayed_totp_code_and_logs_it(client, alice, caplog):
    device = enrolled(alice)
    code = code_for(device)
    client.force_login(alice)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    client.force_login(alice)
    with caplog.at_level(logging.WARNING, logger="sos.two_factor"):
        response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get(reverse("home")).status_code == 302
    assert [r.getMessage() for r in caplog.records if r.name == "sos.two_factor"] == [
        f"Two-factor code refused for user id {alice.pk}"
    ]


def test_it_accepts_a_backup_code_once(client, alice):
    enrolled(alice)
    codes = services.two_factor_new_backup_codes(user=alice)
    client.force_login(alice)
    assert client.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert StaticToken.objects.filter(device__user=alice).count() == 9
    client.post(reverse("logout"))
    client.force_login(alice)
    assert client.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 200


def test_it_makes_new_backup_codes_that_replace_the_old(client, login, alice):
    old = services.two_factor_new_backup_codes(user=alice)
    login(alice)
    assert (
        "10 unused backup codes" in client.get(reverse("two_factor_backup_codes")).content.decode()
    )
    new = client.post(reverse("two_factor_backup_codes")).context["codes"]
    tokens = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert tokens == set(new) and not tokens & set(old)


def test_it_lets_an_admin_reset_someones_second_factor(client, login, admin_user, alice):
    enrolled(alice)
    services.two_factor_new_backup_codes(user=alice)
    login(admin_user)
    page = client.get(reverse("staff_edit", args=[alice.pk])).content.decode()
    assert reverse("staff_reset_two_factor", args=[alice.pk]) in page
    response = client.post(reverse("staff_reset_two_factor", args=[alice.pk]))
    assert response["Location"] == reverse("staff_edit", args=[alice.pk])
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticDevice.objects.filter(user=alice).exists()


def test_it_makes_a_verified_session_enrol_again_after_a_reset(client, login, alice):
    login(alice)
    assert client.get(reverse("home")).status_code == 200
    services.two_factor_reset(user=alice)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_enrol"))


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
def test_it_lets_only_admins_reset(client, login, request, persona, bob):
    enrolled(bob)
    login(request.getfixturevalue(persona))
    assert client.post(reverse("staff_reset_two_factor", args=[bob.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=bob).exists()


def test_it_rejects_get_on_reset(client, login, admin_user, alice):
    login(admin_user)
    assert client.get(reverse("staff_reset_two_factor", args=[alice.pk])).status_code == 405


def test_it_sends_the_admin_login_to_the_one_sign_in_page(client, db):
    response = client.get(reverse("admin:login") + "?next=/django-admin/")
    assert response["Location"] == reverse("login") + "?next=/django-admin/"
