"""Passkeys on the account page and the sign-in route, through the real views (the ceremony
itself, with an authenticator, is in tests/e2e/test_passkeys.py)."""

import json
import os
import time

from axes.models import AccessFailureLog
from django.apps import apps
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential, WebAuthnUserHandle
from webauthn.helpers import bytes_to_base64url

from sos.two_factor import SECOND_FACTOR_AT
from tests.factories import TEST_PASSWORD, PasskeyFactory


def events(user) -> list[str]:
    passkey_events = apps.get_model("audit", "PasskeyEvent").objects.filter(user=user)
    return list(passkey_events.order_by("pgh_id").values_list("pgh_label", flat=True))


def test_it_lists_only_ones_own_passkeys_on_the_account_page(client, login, alice, bob):
    PasskeyFactory(user=alice, name="Alice's work phone")
    PasskeyFactory(user=bob, name="Bob's laptop")
    login(alice)
    page = client.get(reverse("reminders:account")).content.decode()
    assert "Alice&#x27;s work phone" in page
    assert "Bob" not in page


def test_it_names_a_passkey_and_says_so_beside_a_blank_name(client, login, alice):
    passkey = PasskeyFactory(user=alice, name="alice@example.invalid")
    login(alice)
    url = reverse("passkey_rename", args=[passkey.pk])
    response = client.post(url, {"name": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Give the passkey a name."]}
    assert client.post(url, {"name": " Work phone "}).status_code == 302
    passkey.refresh_from_db()
    assert passkey.name == "Work phone"


def test_it_audits_who_renamed_a_passkey_and_to_what(client, login, alice):
    passkey = PasskeyFactory(user=alice, name="Phone")
    login(alice)
    url = reverse("passkey_rename", args=[passkey.pk])
    client.post(url, {"name": "Old phone"})
    client.post(url, {"name": "Old phone"})  # saved again unchanged: nothing to record
    assert events(alice) == ["passkey.add", "passkey.rename"]
    renamed = apps.get_model("audit", "PasskeyEvent").objects.get(pgh_label="passkey.rename")
    assert (renamed.name, renamed.pgh_context.metadata["user"]) == ("Old phone", alice.pk)


def test_it_404s_for_someone_elses_passkey(client, login, alice, bob):
    passkey = PasskeyFactory(user=bob)
    login(alice)
    assert client.get(reverse("passkey_rename", args=[passkey.pk])).status_code == 404
    assert client.post(reverse("passkey_remove", args=[passkey.pk])).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_it_rejects_get(client, login, alice):
    passkey = PasskeyFactory(user=alice)
    login(alice)
    assert client.get(reverse("passkey_remove", args=[passkey.pk])).status_code == 405


def test_it_removes_a_passkey_and_audits_who_added_and_removed_it(client, login, alice):
    login(alice)
    passkey = PasskeyFactory(user=alice)
    response = client.post(reverse("passkey_remove", args=[passkey.pk]))
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(user=alice).exists()
    assert events(alice) == ["passkey.add", "passkey.remove"]
    removal = apps.get_model("audit", "PasskeyEvent").objects.get(pgh_label="passkey.remove")
    assert removal.pgh_context.metadata["user"] == alice.pk


def test_it_removes_every_passkey_when_an_admin_resets_a_sign_in(client, login, admin_user, alice):
    PasskeyFactory.create_batch(2, user=alice)
    kept = PasskeyFactory(user=admin_user)
    login(admin_user)
    client.post(reverse("staff_reset_two_factor", args=[alice.pk]))
    assert not WebAuthnCredential.objects.filter(user=alice).exists()
    assert WebAuthnCredential.objects.filter(pk=kept.pk).exists()


def test_it_asks_for_discoverable_user_verified_passkeys(client, login, alice):
    login(alice)
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert response.status_code == 200
    selection = response.json()["authenticatorSelection"]
    assert (selection["residentKey"], selection["userVerification"]) == ("required", "required")


def test_it_refuses_to_add_a_passkey_without_a_recent_code(client, login, alice, settings):
    login(alice)
    session = client.session
    session[SECOND_FACTOR_AT] = int(time.time()) - settings.RECENT_SECOND_FACTOR_MINUTES * 60 - 1
    session.save()
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert (response.status_code, response.json()["code"]) == (403, "second_factor_not_recent")
    page = client.get(reverse("reminders:account")).content.decode()
    assert "Enter a code to add a passkey" in page
    assert "passkey-register-button" not in page


def forged_answer(client, credential_id: bytes, user_handle: bytes | None = None):
    """A passkey sign-in answered with a signature the passkey never made."""
    assert client.post(reverse("otp_webauthn:credential-authentication-begin")).status_code == 200
    raw_id = bytes_to_base64url(credential_id)
    response = {
        "clientDataJSON": bytes_to_base64url(b"{}"),
        "authenticatorData": bytes_to_base64url(b"\0" * 37),
        "signature": bytes_to_base64url(b"not a signature"),
    }
    if user_handle is not None:
        response["userHandle"] = bytes_to_base64url(user_handle)
    forged = {"id": raw_id, "rawId": raw_id, "type": "public-key", "response": response}
    return client.post(
        reverse("otp_webauthn:credential-authentication-complete"),
        json.dumps(forged),
        content_type="application/json",
    )


def test_it_counts_a_failed_passkey_sign_in_against_its_owner(client, alice):
    passkey = PasskeyFactory(user=alice)
    response = forged_answer(client, passkey.credential_id)
    assert 400 <= response.status_code < 500
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username=alice.email.lower()).count() == 1
    assert events(alice) == ["passkey.add"]  # refused: not a use


def test_it_counts_a_removed_passkey_against_its_owner_by_their_user_handle(client, alice):
    handle = WebAuthnUserHandle.get_handle_for_user(alice)
    response = forged_answer(client, os.urandom(32), handle)
    assert 400 <= response.status_code < 500
    assert AccessFailureLog.objects.filter(username=alice.email.lower()).count() == 1


def test_it_locks_an_unknown_passkey_out_like_an_unknown_email_address(client, db, settings):
    unknown = os.urandom(32)
    for _ in range(settings.AXES_FAILURE_LIMIT):  # the last one answered by django-axes' lock
        assert 400 <= forged_answer(client, unknown).status_code < 500
    refused = forged_answer(client, unknown)
    assert (refused.status_code, refused.json()["code"]) == (403, "sign_in_refused")
    failures = AccessFailureLog.objects.values_list("username", flat=True).distinct()
    assert [name.startswith("passkey:") for name in failures] == [True]
    assert unknown.hex() not in failures[0]  # a hash of the id, not the id


def test_it_offers_a_passkey_in_place_of_the_code_only_to_someone_with_one(client, alice, bob):
    PasskeyFactory(user=alice)
    for person, offered in [(alice, True), (bob, False)]:
        TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
        client.post(reverse("login"), {"username": person.email, "password": TEST_PASSWORD})
        page = client.get(reverse("two_factor_verify") + "?next=/account/").content.decode()
        assert ("Use your passkey" in page) is offered
        assert ('id="passkey-next" value="/account/"' in page) is offered
        client.post(reverse("logout"))
