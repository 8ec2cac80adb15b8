"""Log hygiene: signing in and using the app logs no password, code, secret or email address."""

import logging
from base64 import b32encode

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD


def logged_text(records) -> str:
    formatter = logging.Formatter()
    return "\n".join(
        record.getMessage()
        + (formatter.formatException(record.exc_info) if record.exc_info else "")
        for record in records
    )


def test_it_logs_no_password_code_secret_or_email(client, admin_user, alice, caplog):
    device = TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)
    code = f"{totp(device.bin_key):06d}"
    wrong_password = "Wr0ng-horse-battery"
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("login"), {"username": admin_user.email, "password": wrong_password})
        client.post(reverse("login"), {"username": admin_user.email, "password": TEST_PASSWORD})
        client.post(reverse("two_factor_verify"), {"code": "notacode"})
        client.post(reverse("two_factor_verify"), {"code": code})
        for url in [
            reverse("home"),
            reverse("staff_list"),
            reverse("staff_edit", args=[alice.pk]),
            reverse("password_change"),
            reverse("two_factor_backup_codes"),
            "/no-such-page/",
        ]:
            assert client.get(url).status_code in {200, 404}
        client.post(reverse("logout"))
        client.post(reverse("login"), {"username": alice.email, "password": wrong_password})
    text = logged_text(caplog.records)
    assert "AXES: Successful login" in text  # the capture did see the sign-in
    secrets = {
        "password": TEST_PASSWORD,
        "wrong password": wrong_password,
        "TOTP code": code,
        "TOTP key": device.key,
        "TOTP key (base32)": b32encode(device.bin_key).decode(),
        "admin's email": admin_user.email,
        "alice's email": alice.email,
        "alice's name": alice.last_name,
    }
    assert [name for name, secret in secrets.items() if secret in text] == []
