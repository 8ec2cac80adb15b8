# One borough's records of every kind a route takes, and another borough's (tests/security).
from tests.security.conftest import records_by_borough  # noqa: F401
