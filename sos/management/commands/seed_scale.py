"""Load bulk synthetic data at national scale into an empty database, for `make bench`.

Boroughs, staff, clients, support episodes, weekly-ish sessions with interventions, outcomes,
offences, risk flags, consent and group work, generated from one seed and written with
PostgreSQL COPY. Every name is synthetic (Faker en_GB); every address uses .invalid.

Never point this at a database holding real or demo data: it refuses a database that already
has clients. `make bench` gives it its own databases (sos_bench_1x, sos_bench_10x).
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from importlib import import_module

import dj_database_url
import pgtrigger
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.db.models import Model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker
from tqdm import tqdm

from bench.logins import BENCH_PASSWORD, BENCH_TOTP_KEY
from casework.models import (
    Attendance,
    ContactType,
    GroupSession,
    GroupSetting,
    InterventionType,
    Outcome,
    OutcomeType,
    Session,
    SessionIntervention,
)
from clients.models import (
    Case,
    Client,
    ClosureReason,
    Consent,
    ConsentScope,
    Ethnicity,
    Gender,
    Offence,
    OffenceCategory,
    OffenceOutcome,
    ReferralSource,
    RiskFlag,
    RiskFlagType,
    RiskLevel,
)
from sos.models import Borough, Role, User

# Its FROM_OFFENCES statement dates justice events from the offences' own fields.
JUSTICE_EVENTS_MIGRATION = "clients.migrations.0007_justice_events_from_offences"


@dataclass
class Ids:
    """The next primary key per table: ids are assigned here, so rows can refer to each
    other without a round trip, and sequences are moved past them at the end."""

    next: dict = field(default_factory=dict)

    def take(self, model) -> int:
        value = self.next.get(model, 1)
        self.next[model] = value + 1
        return value


class Copier:
    """Rows for one table, buffered and written with COPY on flush (PostgreSQL runs one COPY
    at a time per connection). Fields not given take the model's default."""

    def __init__(self, cursor, model: type[Model]):
        fields = list(model._meta.concrete_fields)
        self.cursor = cursor
        self.names = [f.attname for f in fields]
        self.defaults = {f.attname: _default(f) for f in fields}
        columns = ", ".join(f'"{f.column}"' for f in fields)
        self.sql = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
        self.buffer: list[list] = []
        self.rows = 0

    def write(self, **values) -> None:
        self.buffer.append([values.get(n, self.defaults[n]) for n in self.names])
        self.rows += 1

    def flush(self) -> None:
        if self.buffer:
            with self.cursor.copy(self.sql) as copy:
                for row in self.buffer:
                    copy.write_row(row)
            self.buffer = []

    close = flush


def _default(field):
    """The value COPY writes when a row leaves `field` out (callable defaults are given)."""
    if field.has_default():
        return None if callable(field.default) else field.default
    return None if field.null else field.get_default()


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=5_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--boroughs", type=int, default=50)
        parser.add_argument(
            "--staff", type=int, default=0, help="default: one per 100 clients, at least 60"
        )
        parser.add_argument(
            "--until", type=date.fromisoformat, default=None, help="last day (default today)"
        )
        parser.add_argument(
            "--database-url", default="", help="load here instead of DATABASE_URL (migrated)"
        )

    def handle(self, *args, **options):
        if options["database_url"]:
            # Point the default connection elsewhere for this command only: the data
            # migrations of reference data write through it.
            connections["default"].close()
            connections.settings["default"].update(dj_database_url.parse(options["database_url"]))
            del connections["default"]
        call_command("migrate", verbosity=0)
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM clients_client)")
            if cursor.fetchone()[0]:
                raise CommandError(
                    "This database already has clients: seed_scale needs an empty one"
                )
        until = options["until"] or timezone.localdate()
        staff = options["staff"] or max(60, options["clients"] // 100)
        generator = Generator(
            seed=options["seed"],
            until=until,
            first=until - timedelta(days=365 * options["years"]),
            boroughs=options["boroughs"],
            staff=staff,
            clients=options["clients"],
        )
        # The audit trail starts with the first change a person makes (as seed_demo does):
        # the bulk load skips pghistory's insert triggers. pgtrigger.ignore sets a
        # transaction-local flag through Django's cursor; the COPYs run in that transaction.
        triggers = [f"{model._meta.label}:{t.name}" for model, t in pgtrigger.registered()]
        with (
            transaction.atomic(),
            pgtrigger.ignore(*triggers),
            connections["default"].cursor() as cursor,
        ):
            cursor.execute("SELECT 1")  # sets pgtrigger.ignore for this transaction
            counts = generator.load(cursor.cursor, progress=self.stderr)
            # Justice events (figure 9) by the rule that dated them for existing offences.
            cursor.execute(import_module(JUSTICE_EVENTS_MIGRATION).FROM_OFFENCES)
            counts["justice events"] = cursor.rowcount
            for model in generator.ids.next:
                table = model._meta.db_table  # our own table names, never input
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        with connections["default"].cursor() as cursor:
            # Index-only scans need the visibility map that VACUUM sets (autovacuum, in use).
            cursor.execute("VACUUM ANALYZE")
            label = (
                f"seed_scale clients={options['clients']} years={options['years']} "
                f"seed={options['seed']} until={until}"
            )
            name = connections["default"].settings_dict["NAME"]
            cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")
        for name, n in counts.items():
            self.stdout.write(f"  {name:<22} {n:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Loaded: {label}"))


class Generator:
    """Synthetic records, reproducible from the seed and the last day."""

    def __init__(self, *, seed, until, first, boroughs, staff, clients):
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible from the seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.until, self.first = until, first
        self.n_boroughs, self.n_staff, self.n_clients = boroughs, staff, clients
        self.ids = Ids()
        self.first_names = [self.fake.first_name() for _ in range(400)]
        self.last_names = [self.fake.last_name() for _ in range(800)]
        self.places = [self.fake.street_name() for _ in range(200)]

    def load(self, cursor, progress) -> dict[str, int]:
        self.cursor = cursor
        self.reference()
        self.boroughs = self.load_boroughs()
        self.caseworkers, self.managers = self.load_staff()
        counts = self.load_people(progress)
        counts["group sessions"] = self.load_group_work()
        counts["boroughs"] = len(self.boroughs)
        counts["staff"] = self.n_staff
        return counts

    def reference(self) -> None:
        def ids(model):
            return list(model.objects.values_list("pk", flat=True))

        self.sources = ids(ReferralSource)
        self.reasons = ids(ClosureReason)
        self.categories = ids(OffenceCategory)
        self.flag_types = ids(RiskFlagType)
        self.interventions = ids(InterventionType)
        self.outcome_types = ids(OutcomeType)

    def load_boroughs(self) -> list[int]:
        names = set()
        while len(names) < self.n_boroughs:
            names.add(f"{self.fake.city()} {len(names) + 1:02d}")
        copier = Copier(self.cursor, Borough)
        ids = []
        for name in sorted(names):
            pk = self.ids.take(Borough)
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

    def load_staff(self):
        """About one manager per borough; the rest caseworkers, each in one borough."""
        password = make_password(BENCH_PASSWORD)
        joined = datetime.combine(self.first, time(9), UTC)
        users, links, devices = (
            Copier(self.cursor, User),
            Copier(self.cursor, User.boroughs.through),
            [],
        )
        caseworkers: dict[int, list[int]] = {b: [] for b in self.boroughs}
        managers = []
        for n in range(self.n_staff):
            pk = self.ids.take(User)
            manager = n < len(self.boroughs)
            role = Role.MANAGER if manager else Role.CASEWORKER
            users.write(
                id=pk,
                password=password,
                first_name=self.rng.choice(self.first_names),
                last_name=self.rng.choice(self.last_names),
                email=f"{role.value}{n + 1:04d}@bench.invalid",
                role=role,
                is_active=True,
                date_joined=joined,
            )
            borough = self.boroughs[n % len(self.boroughs)]
            links.write(id=self.ids.take(User.boroughs.through), user_id=pk, borough_id=borough)
            (managers if manager else caseworkers[borough]).append(pk)
            devices.append(pk)
        users.close()
        links.close()
        totp = Copier(self.cursor, TOTPDevice)
        for pk in devices:
            totp.write(
                id=self.ids.take(TOTPDevice),
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
        return caseworkers, managers

    def day(self, low: date, high: date) -> date:
        return low + timedelta(days=self.rng.randint(0, max(0, (high - low).days)))

    @staticmethod
    def stamp(day: date) -> datetime:
        return datetime.combine(day, time(12), UTC)

    def load_people(self, progress) -> dict[str, int]:
        rng, until = self.rng, self.until
        tables = {
            model: Copier(self.cursor, model)
            for model in (
                Client,
                Case,
                Session,
                SessionIntervention,
                Outcome,
                Offence,
                RiskFlag,
                Consent,
            )
        }
        clients, cases, sessions = tables[Client], tables[Case], tables[Session]
        genders = [Gender.MALE] * 8 + [Gender.FEMALE] * 2 + [Gender.NON_BINARY, Gender.NOT_STATED]
        ethnicities = list(Ethnicity)
        contacts = list(ContactType)
        for _ in tqdm(range(self.n_clients), desc="clients", file=progress, mininterval=1):
            borough = rng.choice(self.boroughs)
            workers = self.caseworkers[borough] or self.managers
            referred = self.day(self.first, until - timedelta(days=7))
            pk = self.ids.take(Client)
            clients.write(
                id=pk,
                first_name=rng.choice(self.first_names),
                last_name=rng.choice(self.last_names),
                date_of_birth=referred - timedelta(days=rng.randint(14 * 365, 25 * 365)),
                gender=rng.choice(genders),
                ethnicity=rng.choice(ethnicities),
                postcode=f"SE{rng.randint(1, 28)} {rng.randint(1, 9)}ZZ",
                email=f"client{pk}@example.invalid",
                borough_id=borough,
                pnc_id=f"{referred.year % 100:02d}/{pk:06d}{chr(65 + pk % 26)}"
                if rng.random() < 0.6
                else "",
                created_at=self.stamp(referred),
                updated_at=self.stamp(referred),
            )
            tables[Consent].write(
                id=self.ids.take(Consent),
                client_id=pk,
                scope=ConsentScope.EVALUATION,
                given=True,
                date=referred,
                recorded_by_id=workers[0],
                created_at=self.stamp(referred),
            )
            if rng.random() < 0.3:
                self.prior_offence(tables[Offence], pk, referred, workers[0])
            if rng.random() < 0.3:
                tables[RiskFlag].write(
                    id=self.ids.take(RiskFlag),
                    client_id=pk,
                    flag_type_id=rng.choice(self.flag_types),
                    level=rng.choice(list(RiskLevel)),
                    review_date=referred + timedelta(days=90),
                    cleared_on=None if rng.random() < 0.5 else referred + timedelta(days=60),
                    recorded_by_id=workers[0],
                    created_at=self.stamp(referred),
                )
            episodes = 2 if rng.random() < 0.2 else 1
            for _episode in range(episodes):
                if referred >= until:
                    break
                worker = rng.choice(workers)
                case_id, start, end = self.case(cases, pk, borough, worker, referred)
                if start:
                    self.sessions(tables, case_id, worker, start, end or until, contacts)
                    self.reoffending(tables[Offence], pk, start, worker)
                referred = (end or until) + timedelta(days=rng.randint(30, 400))
            if len(sessions.buffer) > 50_000:
                for copier in tables.values():
                    copier.flush()
        for copier in tables.values():
            copier.close()
        return {model._meta.verbose_name_plural: c.rows for model, c in tables.items()}

    def case(self, cases, client_id, borough, worker, referred):
        rng, until = self.rng, self.until
        start = referred + timedelta(days=rng.randint(0, 45))
        if start > until or rng.random() < 0.08:
            start = None
        end = None
        if start:
            planned = start + timedelta(days=rng.randint(60, 540))
            end = planned if planned < until else None
        elif referred + timedelta(days=90) < until:
            end = referred + timedelta(days=90)  # never started: closed after three months
        pk = self.ids.take(Case)
        cases.write(
            id=pk,
            client_id=client_id,
            borough_id=borough,
            referral_date=referred,
            referral_source_id=rng.choice(self.sources),
            index_date=start,
            caseworker_id=worker,
            closure_date=end,
            closure_reason_id=rng.choice(self.reasons) if end else None,
            created_at=self.stamp(referred),
            version=1,
        )
        return pk, start, end

    def sessions(self, tables, case_id, worker, start, end, contacts) -> None:
        rng = self.rng
        sessions, links, outcomes = tables[Session], tables[SessionIntervention], tables[Outcome]
        day = start
        while day <= end:
            pk = self.ids.take(Session)
            roll = rng.random()
            attendance = (
                Attendance.ATTENDED
                if roll < 0.8
                else Attendance.DID_NOT_ATTEND
                if roll < 0.95
                else Attendance.CANCELLED
            )
            action = rng.random() < 0.1
            due = day + timedelta(days=rng.randint(3, 21)) if action else None
            sessions.write(
                id=pk,
                case_id=case_id,
                date=day,
                start_time=time(rng.randint(9, 18), 0),
                duration_minutes=rng.choice((30, 45, 60, 60, 90, 120)),
                contact_type=rng.choice(contacts),
                attendance=attendance,
                location=rng.choice(self.places),
                notes="Synthetic session note.",
                next_action="Follow up" if action else "",
                next_action_due=due,
                next_action_done=bool(action and due < self.until - timedelta(days=14)),
                logged_by_id=worker,
                created_at=self.stamp(day),
                updated_at=self.stamp(day),
                version=1,
                submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
            if attendance == Attendance.ATTENDED:
                for kind in rng.sample(self.interventions, rng.choice((0, 1, 1, 2))):
                    links.write(
                        id=self.ids.take(SessionIntervention),
                        session_id=pk,
                        intervention_type_id=kind,
                    )
                if rng.random() < 0.04:
                    outcomes.write(
                        id=self.ids.take(Outcome),
                        case_id=case_id,
                        outcome_type_id=rng.choice(self.outcome_types),
                        date=day,
                        evidence="Synthetic evidence.",
                        recorded_by_id=worker,
                        verified_by_id=None if rng.random() < 0.2 else worker,
                        verified_at=None,
                        created_at=self.stamp(day),
                    )
            day += timedelta(days=rng.randint(4, 10))

    def prior_offence(self, offences, client_id, referred, worker) -> None:
        when = referred - timedelta(days=self.rng.randint(30, 900))
        self.offence(offences, client_id, when, worker)

    def reoffending(self, offences, client_id, start, worker) -> None:
        """About a quarter reoffend within two years of starting support."""
        if self.rng.random() < 0.25:
            when = start + timedelta(days=self.rng.randint(10, 720))
            if when < self.until:
                self.offence(offences, client_id, when, worker)

    def offence(self, offences, client_id, when, worker) -> None:
        rng = self.rng
        outcome = rng.choice(
            [OffenceOutcome.CONVICTION] * 3
            + [OffenceOutcome.CAUTION, OffenceOutcome.NO_FURTHER_ACTION, OffenceOutcome.PENDING]
        )
        decided = when + timedelta(days=rng.randint(20, 300))
        offences.write(
            id=self.ids.take(Offence),
            client_id=client_id,
            offence_date=when,
            category_id=rng.choice(self.categories),
            outcome=outcome,
            outcome_date=None if outcome == OffenceOutcome.PENDING else decided,
            recorded_by_id=worker,
            created_at=self.stamp(when),
        )

    def load_group_work(self) -> int:
        """About two workshops a month in every borough."""
        rng = self.rng
        sessions = Copier(self.cursor, GroupSession)
        facilitators = Copier(self.cursor, GroupSession.facilitators.through)
        settings = list(GroupSetting)
        for borough in self.boroughs:
            worker = (self.caseworkers[borough] or self.managers)[0]
            day = self.first
            while day <= self.until:
                pk = self.ids.take(GroupSession)
                sessions.write(
                    id=pk,
                    borough_id=borough,
                    setting_type=rng.choice(settings),
                    setting_name=f"{rng.choice(self.places)} Academy",
                    date=day,
                    duration_minutes=rng.choice((60, 90, 120)),
                    participants=rng.randint(5, 30),
                    topic="Gangs: myths and reality",
                    logged_by_id=worker,
                    created_at=self.stamp(day),
                    submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
                facilitators.write(
                    id=self.ids.take(GroupSession.facilitators.through),
                    groupsession_id=pk,
                    user_id=worker,
                )
                day += timedelta(days=rng.randint(10, 20))
        sessions.close()
        facilitators.close()
        return sessions.rows
