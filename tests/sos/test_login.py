import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD


@pytest.mark.parametrize("url_name", ["home", "staff_list", "borough_list", "password_change"])
def test_it_sends_anonymous_visitors_to_sign_in(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_signs_in_with_email_password_and_a_second_factor(client, alice):
    device = TOTPDevice.objects.create(user=alice, name="Phone", confirmed=True)
    response = client.post(
        reverse("login"), {"username": alice.email, "password": TEST_PASSWORD}, follow=True
    )
    assert response.context["user"] == alice
    assert response.redirect_chain[-1][0] == reverse("two_factor_verify") + "?next=/"
    code = f"{totp(device.bin_key):06d}"
    response = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)
    assert b"Southwark" in response.content


def test_it_keeps_the_typed_email_after_a_wrong_password(client, alice):
    response = client.post(reverse("login"), {"username": alice.email, "password": "wrong"})
    assert response.status_code == 200
    assert alice.email in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_it_refuses_a_deactivated_user(client, alice):
    alice.is_active = False
    alice.save()
    response = client.post(reverse("login"), {"username": alice.email, "password": TEST_PASSWORD})
    assert not response.context["user"].is_authenticated


def test_it_signs_out_a_user_deactivated_mid_session(client, login, alice):
    login(alice)
    assert client.get(reverse("home")).status_code == 200
    alice.is_active = False
    alice.save()
    assert client.get(reverse("home")).status_code == 302


def test_it_gives_a_new_session_id_at_sign_in(client, alice):
    client.get(reverse("login"))
    before = client.cookies.get("sessionid")
    client.post(reverse("login"), {"username": alice.email, "password": TEST_PASSWORD})
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after


def test_it_signs_out_by_post(client, login, alice):
    login(alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_it_refuses_a_short_new_password(client, login, alice):
    login(alice)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short1", "new_password2": "short1"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_it_shows_every_role_only_its_own_navigation(client, login, alice, admin_user):
    login(alice)
    assert reverse("staff_list") not in client.get(reverse("home")).content.decode()
    login(admin_user)
    assert reverse("staff_list") in client.get(reverse("home")).content.decode()
