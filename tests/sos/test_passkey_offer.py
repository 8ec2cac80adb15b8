"""The passkey offered once after a sign-in with a code (sos.passkey_offer), through the real
sign-in, code and offer pages. The browser's side (its platform authenticator, adding the
passkey) is in tests/e2e/test_passkey_offer.py."""

from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.factories import TEST_PASSWORD, PasskeyFactory

OFFER = reverse("passkey_offer")
# What the code page's script adds when the device has a fingerprint, face or screen lock.
PLATFORM = {"platform_authenticator": "yes"}


def backup_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="Backup codes")
    for code in codes:
        device.token_set.create(token=code)


def sign_in(client, user, code, *, platform=True, next_page=""):
    """Email and password, then a backup code on the code page; the answer to the code."""
    client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    query = f"?{urlencode({'next': next_page})}" if next_page else ""
    form = {"code": code, **(PLATFORM if platform else {})}
    return client.post(reverse("two_factor_verify") + query, form)


def test_it_offers_a_passkey_after_the_code_where_the_device_can_hold_one(client, alice):
    backup_codes(alice, "offer00001")
    response = sign_in(client, alice, "offer00001", next_page="/account/")
    assert response["Location"] == f"{OFFER}?next=%2Faccount%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Add a passkey" in page.content.decode()
    # Once named, the new passkey goes on to the page the sign-in was for.
    assert page.context["name_url"] == reverse("passkey_rename", args=[0]) + "?next=%2Faccount%2F"


def test_it_does_not_offer_one_where_the_device_cannot_hold_one(client, alice):
    backup_codes(alice, "offer00001")
    assert sign_in(client, alice, "offer00001", platform=False)["Location"] == reverse("home")


def test_it_does_not_offer_one_to_someone_who_has_a_passkey(client, alice):
    backup_codes(alice, "offer00001")
    PasskeyFactory(user=alice)
    assert sign_in(client, alice, "offer00001")["Location"] == reverse("home")
    assert client.get(OFFER)["Location"] == reverse("home")


def test_it_does_not_offer_one_when_a_code_is_asked_for_again(client, login, alice):
    backup_codes(alice, "offer00001")
    login(alice)
    again = reverse("two_factor_verify") + "?again=1&next=/account/"
    response = client.post(again, {"code": "offer00001", **PLATFORM})
    assert response["Location"] == "/account/"


def test_it_remembers_not_now_for_that_person_in_that_browser(client, alice, bob):
    backup_codes(alice, "offer00001", "offer00002")
    backup_codes(bob, "offer00003")
    sign_in(client, alice, "offer00001")
    response = client.post(OFFER + "?next=%2Faccount%2F")
    assert response["Location"] == "/account/"
    assert alice.email not in response.cookies["sos_passkey_not_now"].value
    client.post(reverse("logout"))

    assert sign_in(client, alice, "offer00002")["Location"] == reverse("home")
    assert client.get(OFFER)["Location"] == reverse("home")
    client.post(reverse("logout"))
    # Someone else signing in on the same computer is still offered one.
    assert sign_in(client, bob, "offer00003")["Location"] == f"{OFFER}?next=%2F"


def test_it_offers_one_again_in_a_browser_where_not_now_was_not_said(client, alice):
    backup_codes(alice, "offer00001", "offer00002")
    sign_in(client, alice, "offer00001")
    client.post(OFFER)
    client.cookies.pop("sos_passkey_not_now")  # another phone: the same person, a new browser
    client.post(reverse("logout"))
    assert sign_in(client, alice, "offer00002")["Location"] == f"{OFFER}?next=%2F"


def test_it_ignores_a_forged_not_now(client, alice):
    backup_codes(alice, "offer00001")
    client.cookies["sos_passkey_not_now"] = "anything"
    assert sign_in(client, alice, "offer00001")["Location"] == f"{OFFER}?next=%2F"


def test_it_goes_on_only_to_a_page_of_this_site(client, login, alice):
    login(alice)
    page = client.get(OFFER + "?next=https://evil.example/")
    assert page.context["name_url"].endswith("?next=%2F")
    assert client.post(OFFER + "?next=//evil.example/")["Location"] == reverse("home")


def test_it_goes_on_from_naming_a_passkey_to_where_the_sign_in_was_going(client, login, alice):
    passkey = PasskeyFactory(user=alice)
    login(alice)
    url = reverse("passkey_rename", args=[passkey.pk])
    assert client.post(url + "?next=%2Faccount%2F", {"name": "Phone"})["Location"] == "/account/"
    assert client.post(url + "?next=https://evil.example/", {"name": "Phone"})["Location"] == "/"
    assert client.post(url, {"name": "Phone"})["Location"] == reverse("reminders:account")
    assert WebAuthnCredential.objects.get(pk=passkey.pk).name == "Phone"
