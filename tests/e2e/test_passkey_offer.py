"""The passkey offered once after a sign-in with email, password and a code, in Chromium on a
360 px phone: offered where the phone has a platform authenticator (DevTools' virtual one),
added in one go and on to home; "Not now" remembered across sign-ins; not offered on a device
without one, nor after a passkey sign-in. And what each way in costs: taps and keystrokes."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.e2e.conftest import authenticator, current_code
from tests.e2e.test_passkeys import add_platform_authenticator, passkey_site, sign_out
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

__all__ = ["passkey_site"]  # the fixture, shared with the passkey tests

# Counts the person's own taps and key presses on every page of the tab (kept in
# sessionStorage across pages); injected by DevTools, so the strict CSP is not loosened.
COUNT_INPUT = """
for (const [event, key] of [["pointerdown", "taps"], ["keydown", "keys"]]) {
  window.addEventListener(event, (e) => {
    if (!e.isTrusted) return;
    sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key) || 0) + 1));
  }, true);
}
"""


def backup_code(user, code: str) -> str:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.create(token=code)
    return code


def sign_in_with_code(phone, live_server, user, code: str):
    """Email, password and `code`, tapped and typed as on a phone; the page it lands on."""
    phone.set_default_timeout(10_000)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_label("Email address").tap()
    phone.keyboard.type(user.email)
    phone.get_by_label("Password").tap()
    phone.keyboard.type(TEST_PASSWORD)
    phone.get_by_role("button", name="Sign in", exact=True).tap()
    phone.wait_for_url("**/two-factor/**")
    phone.get_by_label("Code").tap()
    phone.keyboard.type(code)
    phone.get_by_role("button", name="Continue").tap()
    phone.wait_for_url(lambda url: "/two-factor/" not in url)


def test_it_offers_a_passkey_once_and_adds_it_on_the_way_home(
    live_server, phone, alice, passkey_site, check_a11y
):
    add_platform_authenticator(phone)
    sign_in_with_code(phone, live_server, alice, backup_code(alice, "offer00001"))
    expect(phone.get_by_role("heading", name="Sign in faster next time")).to_be_visible()
    check_a11y(phone)
    phone.get_by_role("button", name="Add a passkey").tap()
    expect(phone.get_by_role("heading", name="Name your passkey")).to_be_visible()
    # Already named, so keeping the name is one tap.
    expect(phone.get_by_label("Name this passkey")).to_have_value(
        WebAuthnCredential.objects.get(user=alice).name
    )
    phone.get_by_role("button", name="Save").tap()
    phone.wait_for_url(f"{live_server.url}/")
    assert WebAuthnCredential.objects.filter(user=alice, discoverable=True).count() == 1

    # Signed in with the passkey it added: straight home, no offer.
    sign_out(phone)
    phone.get_by_role("button", name="Sign in with a passkey").tap()
    phone.wait_for_url(f"{live_server.url}/")
    # Nor after a password and code, now that there is a passkey.
    sign_out(phone)
    sign_in_with_code(phone, live_server, alice, backup_code(alice, "offer00002"))
    assert phone.url == f"{live_server.url}/"


def test_it_remembers_not_now_across_sign_ins(live_server, phone, alice, passkey_site):
    add_platform_authenticator(phone)
    sign_in_with_code(phone, live_server, alice, current_code(authenticator(alice)))
    phone.get_by_role("button", name="Not now").tap()
    phone.wait_for_url(f"{live_server.url}/")
    sign_out(phone)
    sign_in_with_code(phone, live_server, alice, backup_code(alice, "offer00001"))
    assert phone.url == f"{live_server.url}/"
    assert not WebAuthnCredential.objects.filter(user=alice).exists()


def test_it_does_not_offer_one_on_a_device_without_a_platform_authenticator(
    live_server, phone, alice, passkey_site
):
    sign_in_with_code(phone, live_server, alice, current_code(authenticator(alice)))
    assert phone.url == f"{live_server.url}/"


def test_it_counts_taps_and_keystrokes_to_sign_in_each_way(live_server, phone, alice, passkey_site):
    """The issue's measure: what signing back in costs on a phone, counted in the page from
    the person's own input events, with a passkey and with email, password and a code."""
    phone.add_init_script(COUNT_INPUT)
    add_platform_authenticator(phone)
    code = current_code(authenticator(alice))
    sign_in_with_code(phone, live_server, alice, code)
    with_code = phone.evaluate("[sessionStorage.taps, sessionStorage.keys].map(Number)")
    # The offer follows (a tap), then the fingerprint; naming it is not part of signing in.
    phone.get_by_role("button", name="Add a passkey").tap()
    phone.get_by_role("button", name="Save").tap()
    phone.wait_for_url(f"{live_server.url}/")
    sign_out(phone)
    phone.evaluate("sessionStorage.clear()")
    phone.get_by_role("button", name="Sign in with a passkey").tap()
    phone.wait_for_url(f"{live_server.url}/")
    with_passkey = phone.evaluate("[sessionStorage.taps || 0, sessionStorage.keys || 0]")
    with_passkey = [int(n) for n in with_passkey]
    # Taps: email, password, Sign in, code, Continue. Keys: every character typed.
    assert with_code == [5, len(alice.email) + len(TEST_PASSWORD) + len(code)]
    assert with_passkey == [1, 0]
    print(f"\nsign-in on a 360 px phone: password and code {with_code}, passkey {with_passkey}")
