"""Passkeys (WebAuthn, django-otp-webauthn): add, name and remove them from the account page,
and sign in with one alone (README, Passkeys).

A passkey signs in only as a discoverable credential that verified its user (fingerprint, face
or PIN on the device): something held and something known or been, so both factors at once.
The sign-in route keeps the password route's lockout and throttle (sos.lockout) and leaves the
same trail: django-axes logs each sign-in and each refusal by a known passkey, and pghistory
records every passkey added, used or removed (sos.models.PasskeyRecord).
"""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.structs import ResidentKeyRequirement, UserVerificationRequirement

from sos import lockout, services
from sos.forms import PasskeyNameForm
from sos.two_factor import SECOND_FACTOR_AT, two_factor_not_required, verified_here

logger = logging.getLogger(__name__)

BACKEND = "django_otp_webauthn.backends.WebAuthnBackend"


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
    the way the two-factor page verifies it, and failed attempts by a known passkey counted
    against its owner like wrong passwords."""

    def post(self, *args, **kwargs):
        owner = passkey_owner(self.request)
        if owner is not None:
            name = owner.get_username().strip().lower()
            if lockout.is_locked(self.request, name) or lockout.seconds_to_wait(
                self.request, name, timezone.now()
            ):
                logger.warning("Passkey sign-in refused while locked for user id %s", owner.pk)
                raise SignInRefused()
        response = super().post(*args, **kwargs)
        lockout.remember_device(response, self.request.user.get_username().strip().lower())
        return response

    def complete_auth(self, device):
        login(self.request, device.user, backend=BACKEND)
        verified_here(self.request, device)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError) and not isinstance(exc, SignInRefused):
            owner = passkey_owner(self.request)
            owner_id = owner.pk if owner else None
            logger.warning("Passkey sign-in refused (%s) for user id %s", exc.code, owner_id)
            if owner is not None:
                # Counted by django-axes like a wrong password for the same account.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": owner.get_username()},
                    request=self.request,
                )
        return super().handle_exception(exc)


def passkey_owner(request):
    """The member of staff whose passkey an attempt named, or None (unknown or removed)."""
    data = getattr(request, "data", None)  # absent when the body was not JSON
    raw_id = data.get("rawId") if isinstance(data, dict) else None
    if not isinstance(raw_id, str):
        return None
    try:
        credential = WebAuthnCredential.get_by_credential_id(base64url_to_bytes(raw_id))
    except (WebAuthnCredential.DoesNotExist, ValueError):
        return None
    return credential.user


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
        return redirect("reminders:account")
    return render(request, "sos/passkey_name.html", {"form": form, "passkey": passkey})


@require_POST
def remove(request, pk):
    passkey = get_object_or_404(own_passkeys(request.user), pk=pk)
    services.passkey_remove(passkey=passkey)
    messages.success(request, f"The passkey “{passkey.name}” is removed: it no longer signs in.")
    return redirect("reminders:account")
