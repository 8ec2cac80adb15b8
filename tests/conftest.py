"""Personas shared by every test: alice and bob work in Southwark, charlie in Croydon and must
see nothing of Southwark; a manager of Southwark; an admin who sees everything."""

import pytest
from django.conf import settings

from sos.models import Role
from tests.factories import BoroughFactory, CaseFactory, UserFactory
from tests.log_hygiene import _no_secrets_logged  # noqa: F401 (autouse, every test)
from tests.sign_in import sign_in


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A `replica` alias on the test database itself (a TEST MIRROR, as DATABASE_REPLICA_URL
    sets up), for the read-replica tests (tests/sos/test_db_router.py). Without the router,
    which only those tests install, nothing reads through it."""
    default = settings.DATABASES["default"]
    settings.DATABASES.setdefault(
        "replica", {**default, "TEST": {**default.get("TEST", {}), "MIRROR": "default"}}
    )


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    # Production settings otherwise: the test client speaks HTTP, and templates render
    # without a collectstatic manifest.
    settings.SECURE_SSL_REDIRECT = False
    # Fast hashing: tests create many staff, and production's hasher is slow by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production hashes a password with a million PBKDF2 rounds (a quarter of a second), and
    # lockout tests sign in dozens of times; the hasher itself is Django's to test, not ours.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def southwark(db):
    return BoroughFactory(name="Southwark")


@pytest.fixture
def croydon(db):
    return BoroughFactory(name="Croydon")


@pytest.fixture
def alice(southwark):
    return UserFactory(first_name="Alice", role=Role.CASEWORKER, boroughs=[southwark])


@pytest.fixture
def bob(southwark):
    return UserFactory(first_name="Bob", role=Role.CASEWORKER, boroughs=[southwark])


@pytest.fixture
def charlie(croydon):
    return UserFactory(first_name="Charlie", role=Role.CASEWORKER, boroughs=[croydon])


@pytest.fixture
def manager(southwark):
    return UserFactory(first_name="Mo", role=Role.MANAGER, boroughs=[southwark])


@pytest.fixture
def admin_user(db):
    return UserFactory(first_name="Ada", role=Role.ADMIN)


@pytest.fixture
def evaluator(southwark):
    return UserFactory(first_name="Eve", role=Role.EVALUATOR, boroughs=[southwark])


@pytest.fixture
def login(client):
    """Sign `user` in on the test client the way every page expects (password and a verified
    second factor), and return the client."""
    return lambda user: sign_in(client, user)


@pytest.fixture
def southwark_client(southwark, alice):
    """A young person in Southwark with an active case allocated to alice."""
    case = CaseFactory(client__borough=southwark, client__first_name="Jay", caseworker=alice)
    return case.client


@pytest.fixture
def croydon_client(croydon, charlie):
    case = CaseFactory(client__borough=croydon, client__first_name="Kai", caseworker=charlie)
    return case.client
