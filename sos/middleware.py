"""Middleware that guards every page: headers, session lifetime, two-factor verification."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

# Pages a signed-in but not yet verified person may reach, besides those open to everyone
# (login, password reset, health): signing out, and the two-factor pages themselves, which
# mark themselves with `two_factor.two_factor_not_required`.
OPEN_TO_UNVERIFIED = {"logout"}


SIGNED_IN_AT = "sos_signed_in_at"
RENEWED_AT = "sos_renewed_at"


class SessionLifetimeMiddleware:
    """Sign a person out SESSION_ABSOLUTE_AGE after they signed in, however active they are,
    and renew the idle limit (the session's own age) at most once every SESSION_RENEW_AFTER
    seconds: changing the session is what makes SessionMiddleware save it with a new expiry.

    The sign-in time goes into the session on the response to the request that signed in;
    a session found without one (signed in before this was deployed) starts counting now.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            age = time.time() - (signed_in_at or time.time())
            if age > settings.SESSION_ABSOLUTE_AGE:
                logout(request)  # anonymous from here on: the login requirement takes over
        response = self.get_response(request)
        if request.user.is_authenticated:
            now = time.time()
            request.session.setdefault(SIGNED_IN_AT, now)
            if now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_AFTER:
                request.session[RENEWED_AT] = now
        return response


class TwoFactorRequiredMiddleware:
    """Send a signed-in person who has not yet proved a second factor in this session to the
    two-factor page (which enrols them if they have no device yet), whatever page they asked for.

    Runs after django-otp's OTPMiddleware (which gives `request.user.is_verified()`) and after
    LoginRequiredMiddleware (which has already sent anonymous visitors to the login page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "two_factor_required", True):
            return None
        if request.resolver_match.view_name in OPEN_TO_UNVERIFIED:
            return None
        return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, on every page the app renders
    (static files are answered earlier, by WhiteNoise, and stay cacheable).

    Every page is `no-store`: almost all show personal data, and a shared or stolen computer's
    cache must not keep a copy. Login and error pages gain nothing from caching either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        add_never_cache_headers(response)
        return response


# The character PostgreSQL text cannot hold.
NUL = "\x00"


class RefuseNulMiddleware:
    """Refuse, with 400 and a page naming the fields, any request holding a NUL character in a
    query parameter or a posted field, before any view sees it.

    PostgreSQL text cannot hold NUL, so one reaching a query or a save was a server error
    wherever a view read a parameter itself (a search, a sign-off note), and no person types
    one: refusing it here covers every view, present and future. Uploaded files are not fields
    and are left to their readers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = fields_with_nul(request.GET)
        if request.method == "POST":
            fields |= fields_with_nul(request.POST)
        if fields:
            context = {"fields": sorted(fields)}
            return render(request, "sos/nul_refused.html", context, status=400)
        return self.get_response(request)


def fields_with_nul(data) -> set[str]:
    """The names of the fields of `data` (a QueryDict) whose name or any value holds a NUL,
    shown without the NUL itself."""
    return {
        key.replace(NUL, "") or "(unnamed)"
        for key, values in data.lists()
        if NUL in key or any(NUL in value for value in values)
    }
