"""Passkeys in Chromium on a 360 px phone, with DevTools' virtual authenticator standing in for
the phone's own (a platform authenticator that keeps its credentials and checks a fingerprint):
add one from the account page, sign out, sign in with it alone and reach home; a locked account
and a removed passkey are refused; email, password and code still sign in."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def passkey_site(settings, live_server):
    """Passkeys for the live server's own origin (its port changes from run to run)."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def add_platform_authenticator(page) -> dict:
    """A virtual authenticator like a phone's: built in, keeps discoverable credentials and
    verifies its user (answered yes, as a fingerprint would be)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return {"cdp": cdp, "id": added["authenticatorId"]}


def sign_out(page):
    toggler = page.get_by_role("button", name="Show navigation")
    if toggler.is_visible():
        toggler.click()
        # Bootstrap's collapse animates open; a click before it ends misses the button.
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
        expect(page.locator("#main-nav")).not_to_have_class(re.compile(r"\bcollapsing\b"))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def test_it_signs_in_with_a_passkey_alone_and_refuses_it_once_removed(
    live_server, phone, alice, passkey_site, settings, check_a11y
):
    refused_by_csp = []
    phone.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and refused_by_csp.append(message.text)
        ),
    )
    scripts = []
    phone.on("response", lambda r: r.request.resource_type == "script" and scripts.append(r.url))
    # The fallback: email, password and a code. The phone's authenticator is switched on after
    # it, so this sign-in is not followed by the offer (tests/e2e/test_passkey_offer.py).
    sign_in(phone, live_server, alice)
    authenticator = add_platform_authenticator(phone)
    phone.goto(f"{live_server.url}/account/")

    phone.get_by_role("button", name="Add a passkey").click()
    expect(phone.get_by_role("heading", name="Name your passkey")).to_be_visible()
    check_a11y(phone)
    phone.get_by_label("Name this passkey").fill("Work phone")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("heading", name="Your account")).to_be_visible()
    expect(phone.locator("#passkeys")).to_contain_text("Work phone")
    check_a11y(phone)
    stored = authenticator["cdp"].send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator["id"]}
    )["credentials"]
    assert [c["isResidentCredential"] for c in stored] == [True]
    passkey = WebAuthnCredential.objects.get(user=alice)
    assert (passkey.name, passkey.discoverable) == ("Work phone", True)

    sign_out(phone)
    check_a11y(phone)
    phone.get_by_role("button", name="Sign in with a passkey").click()
    # Home itself, not the two-factor page it would redirect to: both factors at once.
    phone.wait_for_url(f"{live_server.url}/")
    assert AccessLog.objects.filter(username=alice.email).count() == 2  # password, then passkey

    # An answer made for another origin (a look-alike site relaying it) is refused, and
    # counted as a failed sign-in for the passkey's owner.
    sign_out(phone)
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://casework.example.org"]
    phone.get_by_role("button", name="Sign in with a passkey").click()
    expect(phone.locator("#passkey-verification-status-message")).to_be_visible()
    assert phone.url.startswith(f"{live_server.url}/accounts/login/")
    assert AccessFailureLog.objects.filter(username=alice.email).count() == 1
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    phone.reload()

    # Locked for this address by password guesses: the passkey route is refused too.
    AccessAttempt.objects.create(
        username=alice.email,
        ip_address="127.0.0.1",
        user_agent="guesser",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    phone.get_by_role("button", name="Sign in with a passkey").click()
    expect(phone.locator("#passkey-verification-status-message")).to_contain_text(
        "too many failed attempts"
    )
    assert phone.url.startswith(f"{live_server.url}/accounts/login/")
    AccessAttempt.objects.all().delete()  # the cool-off, or an admin's unlock

    phone.get_by_role("button", name="Sign in with a passkey").click()
    phone.wait_for_url(f"{live_server.url}/")
    phone.goto(f"{live_server.url}/account/")
    phone.get_by_role("button", name="Remove Work phone").click()
    expect(phone.get_by_role("status")).to_contain_text("no longer signs in")
    # This session was verified by that passkey: it is verified no longer.
    expect(phone.get_by_role("heading", name="Two-factor check")).to_be_visible()
    assert not WebAuthnCredential.objects.filter(user=alice).exists()

    sign_out(phone)
    # The phone still holds the removed passkey and offers it; the site refuses it.
    phone.get_by_role("button", name="Sign in with a passkey").click()
    expect(phone.locator("#passkey-verification-status-message")).to_be_visible()
    assert phone.url.startswith(f"{live_server.url}/accounts/login/")
    # Counted against its owner like a wrong password (the other origin's answer was the first).
    assert AccessFailureLog.objects.filter(username=alice.email).count() == 2
    phone.goto(f"{live_server.url}/")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()

    # The fallback still works after the passkey is gone: password and a backup code (the
    # authenticator's code of this half-minute was used already, and is refused twice).
    backup = StaticDevice.objects.create(user=alice, name="Backup codes")
    backup.token_set.create(token="e2ebackup1")
    phone.get_by_label("Email address").fill(alice.email)
    phone.get_by_label("Password").fill(TEST_PASSWORD)
    phone.get_by_role("button", name="Sign in", exact=True).click()
    phone.get_by_label("Code").fill("e2ebackup1")
    phone.get_by_role("button", name="Continue").click()
    # With no passkey left, the phone that can hold one is offered a new one.
    phone.get_by_role("button", name="Not now").click()
    phone.wait_for_url(f"{live_server.url}/")

    # The library's own script, from its installed package, ran under the strict policy.
    assert f"{live_server.url}/static/django_otp_webauthn/otp_webauthn_auth.js" in scripts
    assert refused_by_csp == []

    # Audited: added, named, two sign-ins (not the refused ones), removed.
    events = apps.get_model("audit", "PasskeyEvent").objects.filter(user=alice).order_by("pgh_id")
    assert list(events.values_list("pgh_label", flat=True)) == [
        "passkey.add",
        "passkey.rename",
        "passkey.use",
        "passkey.use",
        "passkey.remove",
    ]


def test_it_takes_a_passkey_in_place_of_the_code(live_server, phone, alice, passkey_site):
    """Someone with a passkey who signs in with their password need not open the app."""
    sign_in(phone, live_server, alice)
    add_platform_authenticator(phone)
    phone.goto(f"{live_server.url}/account/")
    phone.get_by_role("button", name="Add a passkey").click()
    phone.get_by_role("button", name="Save").click()
    sign_out(phone)

    phone.get_by_label("Email address").fill(alice.email)
    phone.get_by_label("Password").fill(TEST_PASSWORD)
    phone.get_by_role("button", name="Sign in", exact=True).click()
    phone.wait_for_url("**/two-factor/**")
    phone.get_by_role("button", name="Use your passkey").click()
    phone.wait_for_url(f"{live_server.url}/")
    events = apps.get_model("audit", "PasskeyEvent").objects.filter(user=alice)
    assert events.filter(pgh_label="passkey.use").count() == 1
