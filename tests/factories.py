"""One factory per model. Every name and detail is synthetic (Faker, en_GB)."""

import factory

from sos.models import Borough, Role, User

factory.Faker._DEFAULT_LOCALE = "en_GB"

TEST_PASSWORD = "correct-horse-battery-staple"


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
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.CASEWORKER
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create and extracted:
            self.boroughs.add(*extracted)
