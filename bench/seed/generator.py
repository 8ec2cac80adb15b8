"""The generator: one seeded random source, the reference data and the order of the load."""

import random
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker

from bench.seed import group_work, organisation, partners, people
from bench.seed.copier import Ids
from casework.models import InterventionType, OutcomeType
from clients.models import ClosureReason, OffenceCategory, ReferralSource, RiskFlagType


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
        self.boroughs = organisation.load_boroughs(self)
        self.caseworkers, self.managers = organisation.load_staff(self)
        counts = people.load_people(self, progress)
        counts["group sessions"] = group_work.load_group_work(self)
        # Last, so the rows before it are the same for a seed as before partners were added.
        counts["partner referrals"] = partners.load_partner_referrals(
            cursor,
            self.rng,
            self.ids,
            until=self.until,
            deciders=dict(zip(self.boroughs, self.managers, strict=False)),
            names=(self.first_names, self.last_names),
        )
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

    def day(self, low: date, high: date) -> date:
        return low + timedelta(days=self.rng.randint(0, max(0, (high - low).days)))

    @staticmethod
    def stamp(day: date) -> datetime:
        return datetime.combine(day, time(12), UTC)
