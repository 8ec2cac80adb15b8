"""Boroughs and staff, each member of staff with the bench password and TOTP key."""

from datetime import UTC, datetime, time

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.logins import BENCH_PASSWORD, BENCH_TOTP_KEY
from bench.seed.copier import Copier
from sos.models import Borough, Role, User


def load_boroughs(g) -> list[int]:
    names = set()
    while len(names) < g.n_boroughs:
        names.add(f"{g.fake.city()} {len(names) + 1:02d}")
    copier = Copier(g.cursor, Borough)
    ids = []
    for name in sorted(names):
        pk = g.ids.take(Borough)
        copier.write(
            id=pk,
            name=name,
            area="Synthetic",
            is_active=True,
            baseline_reoffending_rate=75,
            baseline_source="Synthetic bench figure",
            custody_cost_per_year=65_000,
        )
        ids.append(pk)
    copier.close()
    return ids


def load_staff(g):
    """About one manager per borough; the rest caseworkers, each in one borough."""
    password = make_password(BENCH_PASSWORD)
    joined = datetime.combine(g.first, time(9), UTC)
    users, links = Copier(g.cursor, User), Copier(g.cursor, User.boroughs.through)
    caseworkers: dict[int, list[int]] = {b: [] for b in g.boroughs}
    managers, devices = [], []
    for n in range(g.n_staff):
        pk = g.ids.take(User)
        manager = n < len(g.boroughs)
        role = Role.MANAGER if manager else Role.CASEWORKER
        users.write(
            id=pk,
            password=password,
            first_name=g.rng.choice(g.first_names),
            last_name=g.rng.choice(g.last_names),
            email=f"{role.value}{n + 1:04d}@bench.invalid",
            role=role,
            is_active=True,
            date_joined=joined,
        )
        borough = g.boroughs[n % len(g.boroughs)]
        links.write(id=g.ids.take(User.boroughs.through), user_id=pk, borough_id=borough)
        (managers if manager else caseworkers[borough]).append(pk)
        devices.append(pk)
    users.close()
    links.close()
    _load_authenticators(g, devices)
    return caseworkers, managers


def _load_authenticators(g, user_ids) -> None:
    totp = Copier(g.cursor, TOTPDevice)
    for pk in user_ids:
        totp.write(
            id=g.ids.take(TOTPDevice),
            user_id=pk,
            name="Bench authenticator",
            confirmed=True,
            key=BENCH_TOTP_KEY,
            step=30,
            t0=0,
            digits=6,
            tolerance=1,
            drift=0,
            last_t=-1,
            throttling_failure_count=0,
        )
    totp.close()
