"""Demo young people: about three years of referrals (roughly 600 a year) spread over the
boroughs, with offences, consent and risk flags in plausible proportions. Synthetic only:
Faker names, no real person, seeded so every run makes the same people."""

import random
from datetime import date, timedelta

from django.utils import timezone
from faker import Faker

from clients.models import (
    Case,
    Client,
    ClosureReason,
    Consent,
    ConsentScope,
    Ethnicity,
    Gender,
    JusticeEvent,
    JusticeEventKind,
    Offence,
    OffenceCategory,
    OffenceOutcome,
    ReferralSource,
    RiskFlag,
    RiskFlagType,
    RiskLevel,
)
from sos.models import Borough, Role, User

YEARS = 3
REFERRALS_PER_YEAR = 600
SEED = 2006

# Weights are illustrative, chosen so every report has something to show.
GENDERS = [(Gender.MALE, 80), (Gender.FEMALE, 17), (Gender.NON_BINARY, 2), (Gender.NOT_STATED, 1)]
ETHNICITIES = [
    (Ethnicity.BLACK, 45),
    (Ethnicity.WHITE, 25),
    (Ethnicity.MIXED, 15),
    (Ethnicity.ASIAN, 10),
    (Ethnicity.OTHER, 3),
    (Ethnicity.NOT_STATED, 2),
]
CLOSURE_REASONS = [
    ("Completed", 55),
    ("Disengaged", 20),
    ("Moved away", 8),
    ("Custody", 7),
    ("Transferred", 5),
    ("Other", 5),
]
RISK_FLAGS = [
    ("Gang affiliation", 0.40),
    ("Weapon carrying", 0.25),
    ("Criminal exploitation or county lines", 0.15),
    ("Self-harm", 0.08),
    ("Risk to staff", 0.03),
]
CONSENT_RATES = [
    (ConsentScope.SHARE_WITH_PARTNERS, 0.90),
    (ConsentScope.EVALUATION, 0.80),
    (ConsentScope.JUSTICE_DATA_LAB, 0.60),
]
# Share of clients with a proven reoffence in the 12 months after starting support.
REOFFENDING_RATE = 0.18
# Of charged offences, the share remanded in custody; of convictions, custodial sentences.
REMAND_RATE = 0.10
CUSTODY_RATE = 0.15


def seed(out) -> None:
    if Client.objects.exists():
        out.write(f"Young people: {Client.objects.count()} already there")
        return
    DemoClients(random.Random(SEED), timezone.localdate()).create()  # noqa: S311 (not crypto)
    out.write(f"Young people: {Client.objects.count()}, support episodes: {Case.objects.count()}")


def weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


class DemoClients:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.fake = Faker("en_GB")
        self.fake.seed_instance(SEED)
        self.boroughs = list(Borough.objects.filter(is_active=True))
        self.staff_by_borough = {
            borough.pk: list(
                User.objects.filter(
                    boroughs=borough, role__in=[Role.CASEWORKER, Role.MANAGER], is_active=True
                )
            )
            for borough in self.boroughs
        }
        self.recorder = User.objects.filter(role=Role.ADMIN).first()
        self.sources = {source.name: source for source in ReferralSource.objects.all()}
        self.reasons = {reason.name: reason for reason in ClosureReason.objects.all()}
        self.categories = list(OffenceCategory.objects.all())
        self.flag_types = {flag.name: flag for flag in RiskFlagType.objects.all()}

    def create(self) -> None:
        people = [self.make_person(n) for n in range(YEARS * REFERRALS_PER_YEAR)]
        Client.objects.bulk_create(client for client, _referral, _custody in people)
        cases, offences, consents, flags = [], [], [], []
        for client, referral, in_custody in people:
            client_cases = self.make_cases(client, referral, in_custody)
            cases += client_cases
            offences += self.make_offences(client, referral, client_cases[0].index_date)
            consents += self.make_consents(client, referral)
            flags += self.make_risk_flags(client, referral)
        Case.objects.bulk_create(cases)
        Offence.objects.bulk_create(offences)
        JusticeEvent.objects.bulk_create(self.justice_events(offences))
        Consent.objects.bulk_create(consents)
        RiskFlag.objects.bulk_create(flags)

    def days_after(self, day: date, low: int, high: int) -> date | None:
        """A random day `low` to `high` days after `day`, or None if that is still to come."""
        later = day + timedelta(days=self.rng.randint(low, high))
        return later if later <= self.today else None

    def make_person(self, n: int) -> tuple[Client, date, bool]:
        """A young person, the date of their first referral, and whether they were in custody."""
        rng = self.rng
        gender = weighted(rng, GENDERS)
        first = self.fake.first_name_female() if gender == Gender.FEMALE else self.fake.first_name()
        referral = self.today - timedelta(days=rng.randint(0, YEARS * 365))
        born = referral - timedelta(days=rng.randint(14, 24) * 365 + rng.randint(0, 364))
        in_custody = rng.random() < 0.2
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        client = Client(
            first_name=first,
            last_name=self.fake.last_name(),
            date_of_birth=born,
            gender=gender,
            ethnicity=weighted(rng, ETHNICITIES),
            phone=f"07700 900{n % 1000:03d}",  # Ofcom's range reserved for fiction
            email=f"young.person{n}@example.invalid",
            address=self.fake.street_address(),
            postcode=self.fake.postcode(),
            borough=rng.choice(self.boroughs),
            pnc_id=(
                f"{(born.year + 15) % 100:02d}/{rng.randint(100000, 999999)}{rng.choice(letters)}"
                if rng.random() < 0.7
                else ""
            ),
            prison_number=(
                f"{rng.choice(letters)}{rng.randint(1000, 9999)}"
                f"{rng.choice(letters)}{rng.choice(letters)}"
                if in_custody
                else ""
            ),
        )
        return client, referral, in_custody

    def make_cases(self, client: Client, referral: date, in_custody: bool) -> list[Case]:
        """The first support episode and, for one in twenty, a second after it closed."""
        rng = self.rng
        cases = [self.make_case(client, referral, in_custody)]
        first = cases[0]
        if first.closure_date and rng.random() < 0.05:
            again = self.days_after(first.closure_date, 30, 200)
            if again:
                cases.append(self.make_case(client, again, in_custody=False))
        return cases

    def make_case(self, client: Client, referral: date, in_custody: bool) -> Case:
        rng = self.rng
        staff = self.staff_by_borough.get(client.borough_id) or [None]
        release = referral + timedelta(days=rng.randint(14, 180)) if in_custody else None
        # Index date: the release date for support through the gate, else the first session.
        if rng.random() < 0.9:
            index_date = (
                self.days_after(release, 0, 0) if release else self.days_after(referral, 1, 30)
            )
        else:
            index_date = None  # never engaged
        closure_date = reason = None
        end = self.days_after(index_date or referral, 90, 500)
        if end and (index_date or rng.random() < 0.7):
            closure_date = end
            reason = self.reasons[weighted(rng, CLOSURE_REASONS) if index_date else "Disengaged"]
        return Case(
            client=client,
            borough=client.borough,
            referral_date=referral,
            referral_source=self.sources[
                "Prison"
                if in_custody
                else rng.choice(
                    [
                        "Youth offending team",
                        "Probation",
                        "Police",
                        "School",
                        "Pupil referral unit",
                        "Family",
                        "Self",
                        "College",
                    ]
                )
            ],
            referrer=f"{self.fake.name()} (demo referrer)",
            referral_reason="Demo referral: concern about gang involvement.",
            in_custody_at_referral=in_custody,
            establishment="HMYOI Demo" if in_custody else "",
            expected_release_date=release,
            index_date=index_date,
            caseworker=rng.choice(staff),
            closure_date=closure_date,
            closure_reason=reason,
        )

    def make_offences(self, client: Client, referral: date, index_date) -> list[Offence]:
        """One to four offences before referral; a proven reoffence for some after starting."""
        rng = self.rng
        offences = []
        for _ in range(rng.randint(1, 4)):
            committed = referral - timedelta(days=rng.randint(30, 1500))
            committed = max(committed, client.date_of_birth + timedelta(days=12 * 365))
            offences.append(self.offence(client, committed, OffenceOutcome.CONVICTION))
        if index_date and rng.random() < REOFFENDING_RATE:
            committed = self.days_after(index_date, 10, 360)
            if committed:
                outcome = rng.choice([OffenceOutcome.CONVICTION, OffenceOutcome.CAUTION])
                offences.append(self.offence(client, committed, outcome))
        return offences

    def offence(self, client: Client, committed: date, outcome: str) -> Offence:
        decided = self.days_after(committed, 20, 150)
        return Offence(
            client=client,
            offence_date=committed,
            category=self.rng.choice(self.categories),
            outcome=outcome if decided else OffenceOutcome.PENDING,
            outcome_date=decided,
            sentence="Referral order" if decided and outcome == OffenceOutcome.CONVICTION else "",
            recorded_by=self.recorder,
        )

    def justice_events(self, offences: list[Offence]) -> list[JusticeEvent]:
        """Each offence's arrest, and for some a charge, a remand, the outcome and custody, on
        their own dates (DOMAIN.md figure 9). A separate generator, so the rest of the demo
        data stays as it was before events were recorded."""
        rng = random.Random(SEED + 9)  # noqa: S311 (not crypto)
        events = []

        def add(offence, kind, day):
            if day and day <= self.today:
                events.append(
                    JusticeEvent(offence=offence, kind=kind, date=day, recorded_by=self.recorder)
                )

        for offence in offences:
            arrested = offence.offence_date + timedelta(days=rng.randint(0, 3))
            add(offence, JusticeEventKind.ARREST, arrested)
            charged = arrested + timedelta(days=rng.randint(1, 20))
            if offence.outcome in (OffenceOutcome.CONVICTION, OffenceOutcome.PENDING):
                add(offence, JusticeEventKind.CHARGE, charged)
                if rng.random() < REMAND_RATE:
                    add(offence, JusticeEventKind.REMAND, charged)
            if offence.outcome == OffenceOutcome.CONVICTION:
                add(offence, JusticeEventKind.CONVICTION, offence.outcome_date)
                if rng.random() < CUSTODY_RATE:
                    add(offence, JusticeEventKind.CUSTODIAL_SENTENCE, offence.outcome_date)
            elif offence.outcome == OffenceOutcome.CAUTION:
                add(offence, JusticeEventKind.OUT_OF_COURT, offence.outcome_date)
        return events

    def make_consents(self, client: Client, referral: date) -> list[Consent]:
        return [
            Consent(
                client=client,
                scope=scope,
                given=self.rng.random() < rate,
                date=referral,
                recorded_by=self.recorder,
            )
            for scope, rate in CONSENT_RATES
        ]

    def make_risk_flags(self, client: Client, referral: date) -> list[RiskFlag]:
        return [
            RiskFlag(
                client=client,
                flag_type=self.flag_types[name],
                level=self.rng.choice(list(RiskLevel)),
                review_date=referral + timedelta(days=self.rng.randint(60, 400)),
                recorded_by=self.recorder,
            )
            for name, rate in RISK_FLAGS
            if self.rng.random() < rate
        ]
