"""Writes to the organisation core that do more than save one form."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from sos.models import User


@transaction.atomic
def staff_create(*, form, invited_by: User, base_url: str) -> User:
    """Create a member of staff with no password and email them a link to set one.

    Admins never choose or see anyone's password.
    """
    user = form.save(commit=False)
    user.set_unusable_password()
    user.save()
    form.save_m2m()
    link = base_url + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "sos/email/staff_invitation.txt", {"user": user, "invited_by": invited_by, "link": link}
    )
    transaction.on_commit(lambda: send_mail("Your SOS Casework account", body, None, [user.email]))
    return user


def staff_set_active(*, user: User, active: bool) -> None:
    """Deactivate or reactivate a member of staff. A deactivated user is signed out at their
    next request, because the authentication backend refuses inactive users."""
    user.is_active = active
    user.save(update_fields=["is_active"])


BACKUP_CODE_COUNT = 10


@transaction.atomic
def two_factor_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm a newly enrolled authenticator app and return a fresh set of backup codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return two_factor_new_backup_codes(user=device.user)


@transaction.atomic
def two_factor_new_backup_codes(*, user: User) -> list[str]:
    """Replace `user`'s backup codes with new single-use ones, returned to be shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_reset(*, user: User) -> None:
    """Remove every second factor of `user` (a lost phone), passkeys included: they enrol again
    at their next page, and any session verified with an old device stops being verified."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()


def passkey_remove(*, passkey: WebAuthnCredential) -> None:
    """Remove a passkey: it no longer signs in, and a session it verified stops being verified
    (django-otp finds no device). The removal is audited by pghistory (PasskeyRecord)."""
    passkey.delete()
