"""Offering a passkey once, after a sign-in with email, password and a code (README, Passkeys).

Only the browser knows whether its device has a built-in authenticator (fingerprint, face or
screen lock): the code page's script (sos/static/sos/platform_authenticator.js) says so in a
hidden field, and the offer follows the code only then. "Not now" is remembered in this
browser for this person, so the offer is not made again here; a passkey is kept on one device,
so another of their devices may still be offered one.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac
from django_otp_webauthn.models import WebAuthnCredential

# The hidden field the code page's script adds when the device has a platform authenticator.
PLATFORM_FIELD = "platform_authenticator"
DECLINED_COOKIE = "sos_passkey_not_now"
DECLINED_SALT = "sos.passkey_offer.declined"
DECLINED_MAX_AGE = timedelta(days=365)
# People remembered per browser: enough for a computer shared by a team, small as a cookie.
DECLINED_KEPT = 10


def person_mark(user) -> str:
    """The cookie's token for a person: keyed with SECRET_KEY, so reading the cookie on a
    shared computer does not tell who said "Not now" there."""
    return salted_hmac(DECLINED_SALT, str(user.pk)).hexdigest()[:32]


def declined_here(request) -> list[str]:
    """The people (as person_mark) who said "Not now" in this browser, oldest first."""
    value = request.get_signed_cookie(
        DECLINED_COOKIE,
        default="",
        salt=DECLINED_SALT,
        max_age=DECLINED_MAX_AGE.total_seconds(),
    )
    return value.split(":") if value else []


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user).exists()


def worth_offering(request) -> bool:
    """Whether the signed-in person may be offered a passkey here: they have none, and have
    not said "Not now" in this browser. (Someone who signed in with a passkey has one.)"""
    if person_mark(request.user) in declined_here(request):
        return False
    return not has_passkey(request.user)


def follows_code(request) -> bool:
    """Whether the offer follows the code just accepted on the code page: the browser has a
    platform authenticator, and the offer is worth making."""
    return request.POST.get(PLATFORM_FIELD) == "yes" and worth_offering(request)


def remember_not_now(request, response) -> None:
    """Remember in this browser that the signed-in person said "Not now"."""
    mark = person_mark(request.user)
    marks = [kept for kept in declined_here(request) if kept != mark] + [mark]
    response.set_signed_cookie(
        DECLINED_COOKIE,
        ":".join(marks[-DECLINED_KEPT:]),
        salt=DECLINED_SALT,
        max_age=int(DECLINED_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
