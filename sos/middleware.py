"""Middleware that guards every page: two-factor verification first of all."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

# Pages a signed-in but not yet verified person may reach, besides those open to everyone
# (login, password reset, health): signing out, and the two-factor pages themselves, which
# mark themselves with `two_factor.two_factor_not_required`.
OPEN_TO_UNVERIFIED = {"logout"}


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
