"""Production settings are safe: the deploy check is clean and the cookies are locked down."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-like-secret-key-" + "k3y!" * 10,
    "ALLOWED_HOSTS": "casework.example.org",
    "DEBUG": "",
}


def run_manage(*args):
    env = {**os.environ, **PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603 (fixed command, no user input)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_it_passes_the_deploy_check_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_locks_cookies_and_sessions_down_in_production():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_AGE,"
        " s.SESSION_RENEW_AFTER, s.SESSION_ABSOLUTE_AGE, s.DEBUG)"
    )
    result = run_manage("shell", "-v", "0", "-c", code)
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "Lax",
        "True",
        "1800",
        "60",
        "43200",
        "False",
    ]


def test_it_refuses_to_start_without_a_secret_key_in_production():
    env = {**os.environ, **PRODUCTION_ENV, "SECRET_KEY": ""}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_with_a_site_url_that_is_not_a_web_address():
    env = {**os.environ, **PRODUCTION_ENV, "SITE_URL": "casework.example.org"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


def test_it_gives_passkeys_to_the_site_host_by_default():
    env = {**os.environ, **PRODUCTION_ENV, "SITE_URL": "https://casework.example.org/sos"}
    code = (
        "from django.conf import settings as s;"
        "print(s.OTP_WEBAUTHN_RP_ID, *s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["casework.example.org", "https://casework.example.org"]


def test_it_refuses_to_start_with_a_plain_http_passkey_origin():
    env = {**os.environ, **PRODUCTION_ENV, "PASSKEY_ORIGINS": "http://casework.example.org"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "PASSKEY_ORIGINS must be https:// origins" in result.stderr
