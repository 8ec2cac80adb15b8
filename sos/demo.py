"""Demo data for the organisation core: boroughs, about 27 staff and one login per role.

Every name is synthetic; every address uses the reserved .invalid domain.
"""

from base64 import b32encode
from decimal import Decimal

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from sos.models import Borough, Role, User

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (demo data only, printed to the console)

# (name, area): the boroughs DOMAIN.md names, a few more London ones, and the two areas outside it.
BOROUGHS = [
    ("Southwark", "London"),
    ("Kensington and Chelsea", "London"),
    ("Ealing", "London"),
    ("Greenwich", "London"),
    ("Croydon", "London"),
    ("Lambeth", "London"),
    ("Lewisham", "London"),
    ("Hackney", "London"),
    ("Brent", "London"),
    ("Haringey", "London"),
    ("Bristol", "Bristol"),
    ("Dorset", "Dorset"),
]

# One login per role, each in Southwark (the demo admin sees every borough anyway).
DEMO_LOGINS = [
    ("caseworker@demo.invalid", "Casey", "Worker", Role.CASEWORKER),
    ("manager@demo.invalid", "Morgan", "Manager", Role.MANAGER),
    ("admin@demo.invalid", "Ada", "Admin", Role.ADMIN),
    ("evaluator@demo.invalid", "Eve", "Evaluator", Role.EVALUATOR),
]

# The demo logins' second factor, public like their password: a fixed TOTP key to add to an
# authenticator app, and fixed backup codes. Only these four demo users get them; nothing
# about two-factor sign-in is switched off or weakened for anyone else.
DEMO_TOTP_KEY = b"sos-demo-totp-secret"
DEMO_BACKUP_CODES = ["demo0001", "demo0002", "demo0003", "demo0004", "demo0005"]

OTHER_CASEWORKERS = 21
OTHER_MANAGERS = 2


def seed(out) -> None:
    boroughs = seed_boroughs()
    southwark = boroughs["Southwark"]
    for email, first, last, role in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "role": role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            if role != Role.ADMIN:
                user.boroughs.add(southwark)
        seed_second_factor(user)
    seed_team(list(boroughs.values()))
    out.write(f"Boroughs: {Borough.objects.count()}, staff: {User.objects.count()}")


def print_logins(out) -> None:
    out.write("Demo logins:")
    for email, _first, _last, role in DEMO_LOGINS:
        out.write(f"  {role.label:<18} {email:<28} password: {DEMO_PASSWORD}")
    out.write(
        "Then the two-factor check, for every demo login: a backup code\n"
        f"  {' '.join(DEMO_BACKUP_CODES)}  (each once per login; the next `make run` "
        "restores them)\n"
        "  or the code of an authenticator app set up with the key "
        f"{b32encode(DEMO_TOTP_KEY).decode()}"
    )


def seed_second_factor(user: User) -> None:
    TOTPDevice.objects.get_or_create(
        user=user,
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True},
    )
    backup, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    for code in DEMO_BACKUP_CODES:
        backup.token_set.get_or_create(token=code)


def seed_boroughs() -> dict[str, Borough]:
    boroughs = {}
    for name, area in BOROUGHS:
        boroughs[name], _ = Borough.objects.get_or_create(
            name=name,
            defaults={
                "area": area,
                # Illustrative demo values, labelled as such on every page that shows them.
                "baseline_reoffending_rate": Decimal("75.00"),
                "baseline_source": "Demo figure (replace with the published local rate)",
                "custody_cost_per_year": Decimal("65000.00"),
            },
        )
    return boroughs


def seed_team(boroughs: list[Borough]) -> None:
    """The rest of a team of about 27: caseworkers and managers spread over the boroughs."""
    fake = Faker("en_GB")
    fake.seed_instance(2006)
    team = [(Role.CASEWORKER, n) for n in range(OTHER_CASEWORKERS)]
    team += [(Role.MANAGER, n) for n in range(OTHER_MANAGERS)]
    for role, n in team:
        email = f"{role.value}{n + 1:02d}@demo.invalid"
        first, last = fake.first_name(), fake.last_name()
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "role": role}
        )
        if created:
            user.set_unusable_password()
            user.save()
            # Managers look after several boroughs; a caseworker works in one or two.
            count = 4 if role == Role.MANAGER else 1 + n % 2
            start = (n * 3) % len(boroughs)
            user.boroughs.add(*(boroughs[(start + i) % len(boroughs)] for i in range(count)))
