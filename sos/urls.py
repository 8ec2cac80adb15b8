from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetView
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from sos import forms, lockout, passkeys, two_factor, views

# The passkey ceremonies under the names django-otp-webauthn's template tags reverse, answered
# by sos.passkeys' views (lockout, audit, recent factor) rather than the library's own.
passkey_ceremonies = [
    path("register/begin/", passkeys.register_begin, name="credential-registration-begin"),
    path("register/complete/", passkeys.register_complete, name="credential-registration-complete"),
    path("sign-in/begin/", passkeys.sign_in_begin, name="credential-authentication-begin"),
    path("sign-in/complete/", passkeys.sign_in_complete, name="credential-authentication-complete"),
    # The library's messages for its script; on the sign-in page, so open to anyone.
    path(
        "messages.js",
        two_factor.two_factor_not_required(
            login_not_required(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]))
        ),
        name="js-i18n-catalog",
    ),
]

# The root URLconf composes the apps, naming them by module path only (sos imports no app).
# The organisation core's own pages have no namespace: they are the site's frame. Home is the
# casework dashboard, everyone's start page.
urlpatterns = [
    path("", include("casework.home_urls")),
    path("health/", views.health, name="health"),
    # Django's sign-in with the per-username throttle (sos.lockout); before the include, so
    # it answers accounts/login/ in place of the plain one.
    path("accounts/login/", lockout.SignInView.as_view(), name="login"),
    # Django's password change and reset request with plain messages (issue 18.13); before
    # the include, too.
    path(
        "accounts/password_change/",
        PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=forms.PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("two-factor/", two_factor.verify, name="two_factor_verify"),
    path("two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
    path("passkeys/", include((passkey_ceremonies, "otp_webauthn"))),
    path("account/passkeys/offer/", passkeys.offer, name="passkey_offer"),
    path("account/passkeys/<int:pk>/", passkeys.rename, name="passkey_rename"),
    path("account/passkeys/<int:pk>/remove/", passkeys.remove, name="passkey_remove"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/add/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path(
        "staff/<int:pk>/deactivate/confirm/",
        views.staff_deactivate_confirm,
        name="staff_deactivate_confirm",
    ),
    path(
        "staff/<int:pk>/deactivate/",
        views.staff_set_active,
        {"active": False},
        name="staff_deactivate",
    ),
    path(
        "staff/<int:pk>/reactivate/",
        views.staff_set_active,
        {"active": True},
        name="staff_reactivate",
    ),
    path(
        "staff/<int:pk>/reset-two-factor/",
        two_factor.reset,
        name="staff_reset_two_factor",
    ),
    path("boroughs/", views.borough_list, name="borough_list"),
    path("boroughs/add/", views.borough_add, name="borough_add"),
    path("boroughs/<int:pk>/", views.borough_edit, name="borough_edit"),
    path("clients/", include("clients.urls")),
    path("casework/", include("casework.urls")),
    path("imports/", include("imports.urls")),
    path("reporting/", include("reporting.urls")),
    path("exports/", include("exports.urls")),
    path("audit/", include("audit.urls")),
    path("gdpr/", include("gdpr.urls")),
    path("account/", include("reminders.urls")),
    path("referrals/", include("referrals.urls")),
    path("django-admin/", admin.site.urls),
]

handler500 = "sos.errors.server_error"
