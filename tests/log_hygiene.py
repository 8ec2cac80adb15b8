"""SECURITY.md "log hygiene" over the whole suite: every test fails if anything it logged (at
the level production logs, exceptions included) contains a secret: the test password, the demo
TOTP key, or any TOTP key or backup code created during the test. Used by tests/conftest.py."""

import logging
from base64 import b32encode

import pytest
from django.db.models.signals import post_init
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sos.demo import DEMO_TOTP_KEY
from tests.factories import TEST_PASSWORD

FIXED_SECRETS = {
    "test password": TEST_PASSWORD,
    "demo TOTP key (hex)": DEMO_TOTP_KEY.hex(),
    "demo TOTP key (base32)": b32encode(DEMO_TOTP_KEY).decode(),
    "demo TOTP key": DEMO_TOTP_KEY.decode(),
}


def logged_text(record: logging.LogRecord) -> str:
    """What a log handler would write for `record`: its message and any traceback."""
    try:
        text = record.getMessage()
    except Exception:  # noqa: BLE001 (a badly formatted record still gets checked)
        text = f"{record.msg} {record.args}"
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    return text


def secrets_in(records, secrets: dict[str, str]) -> list[str]:
    """The names of the secrets that appear in any of `records`."""
    text = "\n".join(logged_text(record) for record in records)
    return [name for name, secret in secrets.items() if secret and secret in text]


class SecretsCreated:
    """TOTP keys and backup codes made while a test runs, collected as each object is built
    (post_init, since backup codes are saved with bulk_create, which sends no post_save)."""

    def __init__(self):
        self.secrets: dict[str, str] = {}

    def totp_device_made(self, instance, **kwargs):
        # From the instance's own fields: a deferred key must not cost a query.
        key = instance.__dict__.get("key")
        if key:
            number = len(self.secrets)
            self.secrets[f"TOTP key #{number}"] = key
            self.secrets[f"TOTP key #{number} (base32)"] = b32encode(bytes.fromhex(key)).decode()

    def static_token_made(self, instance, **kwargs):
        token = instance.__dict__.get("token")
        if token:
            self.secrets[f"backup code #{len(self.secrets)}"] = token


@pytest.fixture(autouse=True)
def _no_secrets_logged(caplog):
    created = SecretsCreated()
    post_init.connect(created.totp_device_made, sender=TOTPDevice, weak=False)
    post_init.connect(created.static_token_made, sender=StaticToken, weak=False)
    try:
        yield
    finally:
        post_init.disconnect(created.totp_device_made, sender=TOTPDevice)
        post_init.disconnect(created.static_token_made, sender=StaticToken)
    records = caplog.get_records("setup") + caplog.get_records("call")
    leaked = secrets_in(records, {**FIXED_SECRETS, **created.secrets})
    assert leaked == [], f"secrets in the log: {leaked}"
