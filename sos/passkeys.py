"""Passkeys (WebAuthn, django-otp-webauthn): add, name and remove them from the account page,
and sign in with one alone (README, Passkeys).

A passkey signs in only as a discoverable credential that verified its user (fingerprint, face
or PIN on the device): something held and something known or been, so both factors at once.
The sign-in route keeps the password route's lockout and throttle (sos.lockout) and leaves the
same trail: django-axes logs each sign-in and each refusal, and pghistory records every passkey
added, used, renamed or removed (audit.models.PasskeyRecord). After a sign-in with a code,
a device that can hold a passkey is offered one, once (sos.passkey_offer).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential, WebAuthnUserHandle
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.structs import ResidentKeyRequirement, UserVerificationRequirement

from sos import lockout, passkey_offer, services
from sos.forms import PasskeyNameForm
from sos.two_factor import SECOND_FACTOR_AT, next_url, two_factor_not_required, verified_here

logger = logging.getLogger(__name__)

BACKEND = "django_otp_webauthn.backends.WebAuthnBackend"
# Attempts with a passkey no one here has are counted under this prefix and a hash of its id.
UNKNOWN_PASSKEY = "passkey:"


class PasskeyHelper(WebAuthnHelper):
    """Registration asks for what the passkey sign-in needs: a credential kept on the
    authenticator (so the sign-in page need not know who is signing in) that verifies its
    user. An authenticator that cannot do both is refused at registration, not at sign-in."""

    def get_discoverable_credentials_preference(self) -> ResidentKeyRequirement:
        return ResidentKeyRequirement.REQUIRED

    def get_generate_registration_options_kwargs(self, *, user) -> dict:
        options = super().get_generate_registration_options_kwargs(user=user)
        options["authenticator_selection"].user_verification = UserVerificationRequirement.REQUIRED
        return options

    def create_credential(self, *args, **kwargs):
        # A name from the start, so no passkey in the list is blank if its owner never
        # reaches the page that names it; that page offers this one to keep.
        device = super().create_credential(*args, **kwargs)
        device.name = f"Passkey added {timezone.localdate():%-d %b %Y}"
        return device


def second_factor_is_recent(request) -> bool:
    """Whether this session proved a factor recently enough to add a lasting one (as for new
    backup codes: a session left open must not mint a way back in)."""
    proved_at = request.session.get(SECOND_FACTOR_AT, 0)
    return time.time() - proved_at <= settings.RECENT_SECOND_FACTOR_MINUTES * 60


class SecondFactorNotRecent(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "second_factor_not_recent"
    default_detail = "Enter a code again to add a passkey: reload the page and follow its link."


class SignInRefused(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "sign_in_refused"
    default_detail = (
        "This account cannot sign in from here just now after too many failed attempts. "
        "Try again later."
    )


class RegisterBegin(BeginCredentialRegistrationView):
    def check_can_register(self):
        if not second_factor_is_recent(self.request):
            raise SecondFactorNotRecent()


class RegisterComplete(CompleteCredentialRegistrationView):
    def check_can_register(self):
        if not second_factor_is_recent(self.request):
            raise SecondFactorNotRecent()


class SignInComplete(CompleteCredentialAuthenticationView):
    """The library's passkey sign-in, with the password route's lockout and throttle checked
    before the passkey is (so a refused attempt is not recorded as a use), the session verified
    the way the two-factor page verifies it, and failed attempts counted like wrong passwords:
    against the owner of the passkey (or of a removed one), or against an unknown passkey as
    against an unknown email address (attempt_name)."""

    def post(self, *args, **kwargs):
        name = attempt_name(self.request)
        if name is not None and (
            lockout.is_locked(self.request, name)
            or lockout.seconds_to_wait(self.request, name, timezone.now())
        ):
            logger.warning("Passkey sign-in refused while locked (%s)", log_label(name))
            raise SignInRefused()
        response = super().post(*args, **kwargs)
        lockout.remember_device(response, self.request.user.get_username().strip().lower())
        return response

    def complete_auth(self, device):
        login(self.request, device.user, backend=BACKEND)
        verified_here(self.request, device)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError) and not isinstance(exc, SignInRefused):
            name = attempt_name(self.request)
            logger.warning("Passkey sign-in refused (%s, %s)", exc.code, log_label(name))
            if name is not None:
                # Counted by django-axes like a wrong password for the same account.
                user_login_failed.send(
                    sender=__name__, credentials={"username": name}, request=self.request
                )
        return super().handle_exception(exc)


def answer_field(request, *keys) -> bytes | None:
    """A base64url field of the passkey's answer (`rawId`, or `response`, `userHandle`) as
    bytes, or None when it is missing or not base64url (the body is the browser's, or anyone's)."""
    value = getattr(request, "data", None)  # absent when the body was not JSON
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64url_to_bytes(value)
    except ValueError:
        return None


def passkey_owner(request):
    """The member of staff an attempt was for, or None: the owner of the passkey it names, or,
    for a removed passkey, the person its user handle belongs to (django-otp-webauthn gives
    each person one handle, kept in every passkey they make, and keeps it when one is removed)."""
    credential_id = answer_field(request, "rawId")
    if credential_id is not None:
        try:
            return WebAuthnCredential.get_by_credential_id(credential_id).user
        except WebAuthnCredential.DoesNotExist:
            pass
    handle = answer_field(request, "response", "userHandle")
    return WebAuthnUserHandle.get_user_by_handle(handle) if handle else None


def attempt_name(request) -> str | None:
    """The name an attempt is locked and slowed under, as a password attempt is under the
    email address typed: its owner's, or, for a passkey no one here has (like an unknown
    address), one made from the passkey's id. None when the answer names no passkey."""
    owner = passkey_owner(request)
    if owner is not None:
        return owner.get_username().strip().lower()
    credential_id = answer_field(request, "rawId")
    if credential_id is None:
        return None
    return f"{UNKNOWN_PASSKEY}{hashlib.sha256(credential_id).hexdigest()[:32]}"


def log_label(name: str | None) -> str:
    """Which account a log line is about, without its email address (as sos.lockout logs)."""
    if name is None or name.startswith(UNKNOWN_PASSKEY):
        return name or "no passkey named"
    return f"username-hash={hashlib.sha256(name.encode()).hexdigest()[:12]}"


# The sign-in ceremony is for people not yet signed in; registration needs a verified session.
sign_in_begin = two_factor_not_required(
    login_not_required(BeginCredentialAuthenticationView.as_view())
)
sign_in_complete = two_factor_not_required(login_not_required(SignInComplete.as_view()))
register_begin = RegisterBegin.as_view()
register_complete = RegisterComplete.as_view()


def own_passkeys(user):
    """`user`'s own passkeys, newest first: the only ones their account page may touch."""
    return WebAuthnCredential.objects.filter(user=user).order_by("-created_at")


def rename(request, pk):
    passkey = get_object_or_404(own_passkeys(request.user), pk=pk)
    form = PasskeyNameForm(request.POST or None, instance=passkey)
    if form.is_valid():
        form.save()
        messages.success(request, f"Your passkey is saved as “{passkey.name}”.")
        # Named just after the offer that follows sign-in: on to where the sign-in was going.
        return redirect(next_url(request) if "next" in request.GET else "reminders:account")
    return render(request, "sos/passkey_name.html", {"form": form, "passkey": passkey})


def offer(request):
    """Once, after a sign-in with a code on a device that can hold a passkey: add one, or
    "Not now" (remembered in this browser, sos.passkey_offer). Anyone who has a passkey, or
    said "Not now" here, goes straight on."""
    onward = next_url(request)
    if not passkey_offer.worth_offering(request):
        return redirect(onward)
    if request.method == "POST":
        response = redirect(onward)
        passkey_offer.remember_not_now(request, response)
        return response
    name_url = f"{reverse('passkey_rename', args=[0])}?{urlencode({'next': onward})}"
    return render(request, "sos/passkey_offer.html", {"name_url": name_url})


@require_POST
def remove(request, pk):
    passkey = get_object_or_404(own_passkeys(request.user), pk=pk)
    services.passkey_remove(passkey=passkey)
    messages.success(request, f"The passkey “{passkey.name}” is removed: it no longer signs in.")
    return redirect("reminders:account")
