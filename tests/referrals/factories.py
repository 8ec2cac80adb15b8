"""Partners and held referrals, synthetic (en_GB Faker)."""

import factory

from referrals.models import ConsentBasis, Partner, PartnerKind, Submission
from referrals.services import partner_rotate
from tests.factories import BoroughFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    kind = PartnerKind.YOT
    contact_email = factory.Sequence(lambda n: f"referrals{n}@partner.example")
    token_hash = factory.Sequence(lambda n: f"unissued-{n}")

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create:
            self.boroughs.set(extracted or [BoroughFactory()])


def partner_with_link(**kwargs) -> tuple[Partner, str]:
    """A partner and its working link's token (issued as an admin would)."""
    partner = PartnerFactory(**kwargs)
    return partner, partner_rotate(partner=partner)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    partner = factory.SubFactory(PartnerFactory)
    borough = factory.LazyAttribute(lambda o: o.partner.boroughs.first())
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=15, maximum_age=22)
    gender = "male"
    ethnicity = "black"
    reason = "Known to the YOT; asked for help leaving a gang."
    referrer_name = factory.Faker("name", locale="en_GB")
    referrer_role = "YOT officer"
    referrer_email = "officer@partner.example"
    consent_basis = ConsentBasis.AGREED
