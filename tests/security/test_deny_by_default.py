"""Deny by default: every route sends an anonymous visitor to the login page, except these."""

from django.urls import reverse

# The only routes an anonymous visitor may reach. Adding one needs a reason here.
OPEN_TO_ANONYMOUS = {
    "login",
    "password_reset",  # asking for a reset link
    "password_reset_done",
    "password_reset_confirm",  # the emailed link, checked by its token
    "password_reset_complete",
    "health",  # load balancers; says only "ok" or "database unavailable"
    "referrals:refer",  # a partner's referral form, opened only by its secret link's token
    "referrals:sent",  # its thank-you page, behind the same token
    # Signing in with a passkey (sos.passkeys): a challenge, then its signed answer; and the
    # passkey script's messages, read by the sign-in page.
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


def test_it_sends_anonymous_visitors_to_login_from_every_other_route(client, routes):
    open_pages = []
    for name, url in routes:
        if name in OPEN_TO_ANONYMOUS:
            continue
        # Followed, because the Django admin redirects to its own login URL first, which
        # redirects to the one sign-in page.
        response = client.get(url, follow=True)
        if not (response.redirect_chain and response.request["PATH_INFO"] == reverse("login")):
            open_pages.append((name, response.status_code))
    assert open_pages == []


def test_it_lists_only_routes_that_exist(routes):
    assert {name for name, _url in routes} >= OPEN_TO_ANONYMOUS
