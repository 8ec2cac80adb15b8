# Sample records of Southwark and Croydon with canaries, shared with the security tests.
from tests.security.conftest import records_by_borough  # noqa: F401
