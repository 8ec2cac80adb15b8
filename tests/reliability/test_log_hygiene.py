"""SECURITY.md "log hygiene": the check tests/log_hygiene.py runs after every test in the suite
does catch a secret in a log record, in its message or in its traceback."""

import logging

from tests.factories import TEST_PASSWORD
from tests.log_hygiene import FIXED_SECRETS, secrets_in

logger = logging.getLogger(__name__)


def test_it_finds_the_test_password_in_a_message(caplog):
    logger.warning("Sign-in with %s", TEST_PASSWORD)
    assert secrets_in(caplog.records, FIXED_SECRETS) == ["test password"]
    caplog.clear()  # the leak was planted: keep the suite-wide check from failing this test


def test_it_finds_a_totp_key_in_a_traceback(caplog):
    try:
        raise ValueError(FIXED_SECRETS["demo TOTP key (base32)"])
    except ValueError:
        logger.exception("Enrolment failed")
    assert secrets_in(caplog.records, FIXED_SECRETS) == ["demo TOTP key (base32)"]
    caplog.clear()


def test_it_finds_nothing_in_an_ordinary_log(caplog):
    logger.warning("Two-factor code refused for user id %s", 7)
    assert secrets_in(caplog.records, FIXED_SECRETS) == []
