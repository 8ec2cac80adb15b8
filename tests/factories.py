"""One factory per model. Every name and detail is synthetic (Faker, en_GB)."""

import os
from datetime import date, timedelta

import factory
from django_otp_webauthn.models import WebAuthnCredential

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

factory.Faker._DEFAULT_LOCALE = "en_GB"

TEST_PASSWORD = "correct-horse-battery-staple"


class PlainName(factory.Faker):
    """A Faker name without apostrophes (O'Brien), so tests can look for it in HTML as typed;
    escaping itself is tested with deliberate payloads."""

    def evaluate(self, instance, step, extra):
        return super().evaluate(instance, step, extra).replace("'", "")


class BoroughFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Borough
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Test Borough {n}")
    area = "London"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@example.invalid")
    first_name = PlainName("first_name")
    last_name = PlainName("last_name")
    role = Role.CASEWORKER
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create and extracted:
            self.boroughs.add(*extracted)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    first_name = PlainName("first_name")
    last_name = PlainName("last_name")
    date_of_birth = factory.LazyFunction(lambda: date.today() - timedelta(days=17 * 365))
    gender = Gender.MALE
    ethnicity = Ethnicity.BLACK
    borough = factory.SubFactory(BoroughFactory)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    client = factory.SubFactory(ClientFactory)
    borough = factory.SelfAttribute("client.borough")
    referral_date = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    referral_source = factory.LazyFunction(lambda: ReferralSource.objects.get(name="Probation"))
    index_date = factory.LazyAttribute(lambda case: case.referral_date + timedelta(days=7))
    closure_date = None
    closure_reason = factory.Maybe(
        "closure_date",
        yes_declaration=factory.LazyFunction(lambda: ClosureReason.objects.get(name="Completed")),
        no_declaration=None,
    )


class OffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offence

    client = factory.SubFactory(ClientFactory)
    offence_date = factory.LazyFunction(lambda: date.today() - timedelta(days=400))
    category = factory.LazyFunction(lambda: OffenceCategory.objects.get(name="Robbery"))
    outcome = OffenceOutcome.CONVICTION
    outcome_date = factory.LazyAttribute(lambda offence: offence.offence_date + timedelta(days=60))
    recorded_by = factory.SubFactory(UserFactory)


class JusticeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JusticeEvent

    offence = factory.SubFactory(OffenceFactory)
    kind = JusticeEventKind.ARREST
    date = factory.SelfAttribute("offence.offence_date")
    recorded_by = factory.SubFactory(UserFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    scope = ConsentScope.SHARE_WITH_PARTNERS
    given = True
    date = factory.LazyFunction(date.today)
    recorded_by = factory.SubFactory(UserFactory)


class RiskFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskFlag

    client = factory.SubFactory(ClientFactory)
    flag_type = factory.LazyFunction(lambda: RiskFlagType.objects.get(name="Gang affiliation"))
    level = RiskLevel.HIGH
    review_date = factory.LazyFunction(lambda: date.today() + timedelta(days=90))
    recorded_by = factory.SubFactory(UserFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Session"

    case = factory.SubFactory(CaseFactory)
    date = factory.LazyAttribute(lambda session: session.case.index_date or date.today())
    duration_minutes = 60
    attendance = "attended"
    logged_by = factory.LazyAttribute(lambda session: session.case.caseworker or UserFactory())


# --- Casework: group work, goals, assessments, outcomes ---------------------------------------
# Models named as "app.Model" strings, so this block needs no imports at the top of the file.


def _reference(model: str, name: str):
    from django.apps import apps

    return apps.get_model("casework", model).objects.get(name=name)


class GroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.GroupSession"
        skip_postgeneration_save = True

    borough = factory.SubFactory(BoroughFactory)
    setting_type = "school"
    setting_name = factory.Sequence(lambda n: f"Test Academy {n}")
    date = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
    duration_minutes = 60
    participants = 24
    age_range = "14-15"
    topic = "Knife crime: the real cost"
    logged_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.add(*extracted)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Goal"

    case = factory.SubFactory(CaseFactory)
    pathway = factory.LazyFunction(lambda: _reference("Pathway", "Accommodation"))
    description = "Move into supported housing"
    target_date = factory.LazyFunction(lambda: date.today() + timedelta(days=90))
    created_by = factory.SubFactory(UserFactory)


class GoalReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.GoalReview"

    goal = factory.SubFactory(GoalFactory)
    date = factory.LazyFunction(date.today)
    status = "in_progress"
    reviewed_by = factory.SubFactory(UserFactory)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Assessment"

    case = factory.SubFactory(CaseFactory)
    date = factory.LazyFunction(date.today)
    stage = "intake"
    assessed_by = factory.SubFactory(UserFactory)


class AssessmentScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.AssessmentScore"

    assessment = factory.SubFactory(AssessmentFactory)
    domain = factory.LazyFunction(lambda: _reference("AssessmentDomain", "Confidence"))
    score = 5


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Outcome"

    case = factory.SubFactory(CaseFactory)
    outcome_type = factory.LazyFunction(lambda: _reference("OutcomeType", "Entered employment"))
    date = factory.LazyFunction(date.today)
    evidence = "Contract of employment seen"
    recorded_by = factory.SubFactory(UserFactory)


def staff_data(borough, **overrides):
    """What an admin types into the staff form for a new caseworker of `borough`."""
    data = {
        "first_name": "Jordan",
        "last_name": "Example",
        "email": "jordan.example@example.invalid",
        "role": Role.CASEWORKER,
        "boroughs": [borough.pk],
    }
    return {**data, **overrides}


class PasskeyFactory(factory.django.DjangoModelFactory):
    """A stored passkey: random bytes for its id and key (only a browser test can use one)."""

    class Meta:
        model = WebAuthnCredential

    user = factory.SubFactory(UserFactory)
    name = "Work phone"
    credential_id = factory.LazyFunction(lambda: os.urandom(32))
    public_key = factory.LazyFunction(lambda: os.urandom(77))
    discoverable = True
