"""Guessing passwords, slowed without letting anyone lock a colleague out (see AXES_* in
settings and "Sign-in throttling" in the README).

Two layers:
- django-axes locks a username *from one address* after AXES_FAILURE_LIMIT failures, for the
  cool-off. Someone guessing from elsewhere does not lock the owner out.
- A username's failures from all addresses together, beyond FREE_FAILURES, slow further
  attempts for it with delays that double up to MAX_DELAY (a throttle, never a lock). A
  browser that has signed in to that account before carries a signed cookie and is not slowed
  (OWASP's "device cookies"), so a stranger's guessing never holds the owner back at their
  usual computer.
"""

import hashlib
import math
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.db.models import Count, Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

# The width of django-axes' username column; an email address is at most 254 characters.
USERNAME_WIDTH = 255
# Failures for one username, from all addresses together, before attempts are slowed (as
# many as one address may make before it is locked), then the first delay, doubling after each
# further failure up to MAX_DELAY: at most 8 guesses in any 5 minutes, then 4 an hour.
FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
# How long a username's failures count towards its throttle (the address lock forgets them
# after its 15-minute cool-off; the throttle must not, or waiting would reset it).
THROTTLE_WINDOW = timedelta(hours=24)
DEVICE_COOKIE = "sos_signed_in_here"
DEVICE_SALT = "sos.lockout.device"
DEVICE_MAX_AGE = timedelta(days=180)


def username(request, credentials) -> str | None:
    """The email address an attempt was for, as one account: trimmed and lower-cased, so that
    changing the case of the address does not start a fresh count of failures. Cut to the
    lockout record's column: anything longer is no one's address (it was a server error)."""
    typed = (credentials or {}).get("username") or request.POST.get("username")
    return typed.strip().lower()[:USERNAME_WIDTH] if typed else None


def client_ip(request) -> str | None:
    """The address an attempt came from. Behind the TLS proxy every request arrives from the
    proxy, so the address is the last one in X-Forwarded-For: the one the proxy itself added
    (any earlier ones were sent by the client and prove nothing)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """A log label for a sign-in attempt: a short hash of the username (enough to tie the
    lines of one attacked account together) and the path, but no email address."""
    digest = hashlib.sha256((username or "").encode()).hexdigest()[:12]
    return f"username-hash={digest} path={path_info}"


def throttle_delay(failures: int) -> timedelta:
    """How long after the last failure the next attempt must wait, for a username with
    `failures` recent failures from all addresses: none below FREE_FAILURES, then 30 s, 1 min,
    2 min, ... up to MAX_DELAY."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - FREE_FAILURES, 10), MAX_DELAY)


def seconds_to_wait(request, name: str | None, now: datetime) -> int:
    """Whole seconds before `name` may be tried again from this browser (0: now), from the
    password guesses django-axes logged for it from every address over THROTTLE_WINDOW (its
    failure log, kept longer than the cool-off; attempts refused while locked were no
    guesses)."""
    if not name or signed_in_here_before(request, name):
        return 0
    here = AccessAttempt.objects.filter(username=name, ip_address=client_ip(request)).aggregate(
        failures=Sum("failures_since_start")
    )["failures"]
    if (here or 0) >= settings.AXES_FAILURE_LIMIT:
        return 0  # locked from this address already: django-axes answers with its own page
    recent = AccessFailureLog.objects.filter(
        username=name, locked_out=False, attempt_time__gte=now - THROTTLE_WINDOW
    ).aggregate(failures=Count("pk"), last=Max("attempt_time"))
    if recent["last"] is None:
        return 0
    ready = recent["last"] + throttle_delay(recent["failures"])
    return max(0, math.ceil((ready - now).total_seconds()))


def account_mark(name: str) -> str:
    """The device cookie's value for an account: keyed with SECRET_KEY, so the cookie does not
    reveal the email address to someone who reads it on a shared computer."""
    return salted_hmac(DEVICE_SALT, name).hexdigest()


def signed_in_here_before(request, name: str) -> bool:
    mark = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
    )
    return mark == account_mark(name)


class SignInView(LoginView):
    """Django's sign-in with the throttle checked before the password is, and the device
    cookie set after a success."""

    def post(self, request, *args, **kwargs):
        name = username(request, None)
        wait = seconds_to_wait(request, name, timezone.now())
        if wait:
            context = {"seconds": wait, "free_failures": FREE_FAILURES}
            return render(request, "registration/sign_in_slowed.html", context, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated and name:
            remember_device(response, name)
        return response


def is_locked(request, name: str) -> bool:
    """Whether django-axes has locked `name` from this address (for the passkey route, which
    does not pass through the password backends where django-axes checks it)."""
    return AxesProxyHandler.is_locked(request, {"username": name})


def remember_device(response, name: str) -> None:
    """Mark this browser as one `name` signed in on, so the throttle never slows them here."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        account_mark(name),
        salt=DEVICE_SALT,
        max_age=int(DEVICE_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
