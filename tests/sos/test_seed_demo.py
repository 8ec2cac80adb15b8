from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sos.demo import DEMO_BACKUP_CODES, DEMO_LOGINS, DEMO_PASSWORD
from sos.models import Borough, Role, User


def test_it_seeds_once_and_changes_nothing_the_second_time(db):
    call_command("seed_demo")
    counts = (Borough.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Borough.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 12
    assert 25 <= counts[1] <= 30
    for role in Role:
        assert User.objects.filter(role=role, email__startswith=role.value).exists()


def test_it_puts_every_non_admin_in_a_borough(db):
    call_command("seed_demo")
    assert not User.objects.exclude(role=Role.ADMIN).filter(boroughs=None).exists()


def test_it_lets_the_demo_logins_in_with_the_printed_second_factor(client, db, capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "ONXXGLLEMVWW6LLUN52HALLTMVRXEZLU" in printed
    assert all(code in printed for code in DEMO_BACKUP_CODES)
    for email, *_ in DEMO_LOGINS:
        client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
        client.post(reverse("two_factor_verify"), {"code": DEMO_BACKUP_CODES[0]})
        assert client.get(reverse("home")).status_code == 200
        client.post(reverse("logout"))
    device = TOTPDevice.objects.get(user__email=DEMO_LOGINS[0][0])
    client.post(reverse("login"), {"username": DEMO_LOGINS[0][0], "password": DEMO_PASSWORD})
    client.post(reverse("two_factor_verify"), {"code": f"{totp(device.bin_key):06d}"})
    assert client.get(reverse("home")).status_code == 200


def test_it_gives_a_second_factor_to_the_demo_logins_only(db):
    call_command("seed_demo")
    call_command("seed_demo")
    demo_emails = {email for email, *_ in DEMO_LOGINS}
    assert set(TOTPDevice.objects.values_list("user__email", flat=True)) == demo_emails
    assert set(StaticDevice.objects.values_list("user__email", flat=True)) == demo_emails
