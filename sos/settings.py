"""SOS Casework settings: one file, driven by environment variables (see README, Configuration).

Defaults are the safe production ones; `make run` turns DEBUG on for local development.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Files the app writes (exports, collected static files) go under .data/: in a checkout, the
# one beside manage.py; installed from the wheel there is no checkout, and the folder the app
# is started in is used rather than the installed package's own (site-packages).
DATA_DIR = (BASE_DIR if (BASE_DIR / "manage.py").is_file() else Path.cwd()) / ".data"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-" + "x" * 40  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set (make run and make test set it to the embedded PostgreSQL)"
    )
DATABASES = {"default": dj_database_url.config(conn_max_age=env_int("CONN_MAX_AGE", 60))}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL")
# Optional read replica for the heavy reports (sos.db_router; README, Read replica). Without
# it there is one database and no router.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.config(
        "DATABASE_REPLICA_URL", conn_max_age=env_int("CONN_MAX_AGE", 60)
    )
    # Tests read the replica through a second connection to the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    if not DATABASES["replica"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must point at PostgreSQL")
    DATABASE_ROUTERS = ["sos.db_router.ReportReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # Bootstrap 5 assets from the django-bootstrap-static wheel
    "pgtrigger",
    "pghistory",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "csp",
    "procrastinate.contrib.django",
    "sos",
    "clients",
    "casework",
    "imports",
    "reporting",
    "exports",
    "audit",
    "gdpr",
    "reminders",
    "referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sos.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads a parameter: PostgreSQL text cannot hold NUL (sos.middleware).
    "sos.middleware.RefuseNulMiddleware",
    "sos.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sos.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Puts the acting user on every audited write (pghistory's database triggers read it).
    "pghistory.middleware.HistoryMiddleware",
    # Writes an access record for every client page, export and download shown (audit.reads).
    "audit.reads.AccessAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sos.urls"
WSGI_APPLICATION = "sos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's templates ship inside the sos package (so the wheel has them), and are
        # searched before every app's own: they override django.contrib.admin's sign-in pages.
        "DIRS": [BASE_DIR / "sos" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sos.access.rights",
            ],
        },
    },
]

AUTH_USER_MODEL = "sos.User"
# django-axes first: it refuses a locked-out username before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Only ever reached with a verified passkey (sos.passkeys), never with a password.
    "django_otp_webauthn.backends.WebAuthnBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-factor authentication: every member of staff signs in with a TOTP app (or a backup code).
OTP_TOTP_ISSUER = "SOS Casework"

# Passkeys (django-otp-webauthn; README, Passkeys). A passkey belongs to the relying-party id,
# the site's host name (never an IP address, and not changeable later without everyone adding
# their passkeys again), and is accepted only from the listed origins. Both default to SITE_URL;
# on a development machine's 127.0.0.1 the id is localhost, so open http://localhost:8000.
SITE_HOST = urlsplit(os.environ.get("SITE_URL", "http://127.0.0.1:8000")).hostname or "localhost"
LOOPBACK = SITE_HOST in {"127.0.0.1", "::1"}
OTP_WEBAUTHN_RP_ID = os.environ.get("PASSKEY_RP_ID", "") or ("localhost" if LOOPBACK else SITE_HOST)
OTP_WEBAUTHN_RP_NAME = "SOS Casework"
OTP_WEBAUTHN_HELPER_CLASS = "sos.passkeys.PasskeyHelper"
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "sos.passkeys"
# Sign-in with a passkey alone is what makes coming back cheap; it counts as both factors.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True

# Lockout (django-axes): 5 failed sign-ins for one username from one address lock that
# username from that address for 15 minutes, right password or not; failures expire 15 minutes
# after the last one and a success clears them. Not by username alone: anyone who knew a
# caseworker's email could then lock them out from anywhere. Guessing spread over many
# addresses meets sos.lockout's per-username throttle instead (README, Sign-in throttling).
# Admins can unlock someone early under Reference data, Access attempts.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "sos.lockout.username"
AXES_CLIENT_IP_CALLABLE = "sos.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
# One row per failed sign-in (username, address, time; at most 1,000 per username), which
# sos.lockout's throttle counts over its 24-hour window.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Logs name the attempt by a hash of the username, never the email address itself.
AXES_CLIENT_STR_CALLABLE = "sos.lockout.client_str"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# Dates shown one way: "1 December 2026", "1 Dec 2026" in tables (sos/formats/en_GB).
FORMAT_MODULE_PATH = ["sos.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# sos/static is found as the sos app's own static folder.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "") or DATA_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Files holding personal data that the app writes (full exports): never under STATIC_ROOT, never
# served directly; only the admin download view reads them. Keep it on an encrypted volume.
PRIVATE_FILES_DIR = Path(os.environ.get("PRIVATE_FILES_DIR", "") or DATA_DIR / "private")
# Days an export's ZIP is kept after it is written before the worker deletes it (exports.tasks).
EXPORT_LIFETIME_DAYS = env_int("EXPORT_LIFETIME_DAYS", 7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email (password reset). Without EMAIL_HOST, mail is written to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SOS Casework <noreply@localhost>")
# The address staff open the app at, for the links in reminder emails (the worker that sends them
# has no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL must start with https:// (or http://)")
# Where passkeys may be used from: the scheme, host and port the browser shows (README, Passkeys).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "PASSKEY_ORIGINS",
    [f"http://localhost:{urlsplit(SITE_URL).port or 80}"]
    if LOOPBACK
    else ["{0.scheme}://{0.netloc}".format(urlsplit(SITE_URL))],
)
for origin in OTP_WEBAUTHN_ALLOWED_ORIGINS:
    if not origin.startswith("https://") and urlsplit(origin).hostname != "localhost":
        raise ImproperlyConfigured(f"PASSKEY_ORIGINS must be https:// origins, not {origin!r}")

# Security: secure by default, relaxed only by DEBUG or an explicit variable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind the proxy, the scheme and the client's address come from its X-Forwarded-* headers.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Idle timeout: 30 minutes from the last renewal. A request renews the session when the last
# renewal is SESSION_RENEW_AFTER seconds old (SessionLifetimeMiddleware), not on every request:
# saving it every time cost a database write and commit per page. So a person is signed out
# after between 29 and 30 idle minutes, never later.
SESSION_COOKIE_AGE = 30 * 60
SESSION_RENEW_AFTER = 60
# Absolute limit: sign in again 12 hours after signing in, however active
# (SessionLifetimeMiddleware).
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only this site's own files, no inline script or style
# (templates have none; keep it so), never framed. Bootstrap's CSS draws icons as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the app never uses, switched off for every page (SecurityHeadersMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Downloads of personal data ask for the second factor again when it is older than this.
RECENT_SECOND_FACTOR_MINUTES = env_int("RECENT_SECOND_FACTOR_MINUTES", 15)

# The no-contact rule: an open case is flagged after this many days without an attended
# contact (from the referral when there has been none), on home, on the manager's list, in the
# Young people filter and in the emails alike (clients.models.case.without_contact_q).
NO_CONTACT_FLAG_DAYS = env_int("NO_CONTACT_FLAG_DAYS", 14)

# The agreed caseload norm: the team page marks a caseworker whose active caseload is above it.
CASELOAD_NORM = env_int("CASELOAD_NORM", 40)

# Audit. Every pghistory event table refuses UPDATE and DELETE (a database trigger); only the
# retention and erasure anonymisation lifts that guard, for its own statements.
PGHISTORY_APPEND_ONLY = True
# Unusual access: more than this many clients outside one's own caseload opened in a day.
AUDIT_UNUSUAL_CLIENTS_PER_DAY = env_int("AUDIT_UNUSUAL_CLIENTS_PER_DAY", 10)
AUDIT_UNUSUAL_DAYS_SHOWN = env_int("AUDIT_UNUSUAL_DAYS_SHOWN", 90)

# Retention: clients whose every case closed more than this many years ago are anonymised by
# `manage.py retention`.
RETENTION_YEARS = env_int("RETENTION_YEARS", 6)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The task queue lists its tasks at every start of every command: only its warnings here.
    # The worker's own lines (each job's outcome) stay.
    "loggers": {
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}
