"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live
server, on the real PostgreSQL, with production settings apart from plain HTTP.

`make test` installs Chromium when it can and otherwise leaves this folder out, saying why;
nothing here decides whether to run.
"""

from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.factories import TEST_PASSWORD

CHROMIUM = "/usr/bin/chromium"
# The machine has no outside network: without these Chromium keeps trying to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # Date fields as 23/11/2026, the way the app's users read them.
    "--lang=en-GB",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# WCAG 2.2 A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A fixed authenticator key for test users, so a test can work out the current code.
TOTP_KEY = b"e2e-authenticator-key"

XSS_PAYLOADS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>']


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# pytest-playwright keeps Playwright running for the whole session; here it runs for this
# folder only, so the tests after it find no asyncio loop left running in their thread.
@pytest.fixture(scope="package")
def playwright():
    with pytest.MonkeyPatch.context() as env:
        # Playwright's sync API runs an asyncio loop in the test's thread, and Django would
        # refuse the test's own ORM calls as "async unsafe"; nothing here shares a connection
        # between threads. Set for these tests only, never in a deployment.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as running:
            yield running


@pytest.fixture(scope="package")
def browser_type(playwright):
    return playwright.chromium


@pytest.fixture(scope="package")
def browser(browser_type, browser_type_launch_args):
    browser = browser_type.launch(**browser_type_launch_args)
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args():
    return {"viewport": DESKTOP, "locale": "en-GB"}


@pytest.fixture(scope="session", autouse=True)
def _connection_before_playwright(django_db_setup):
    """The test thread's database connection as it was before Playwright started. Starting
    Playwright's sync API switches the context that Django's connections are kept in, so the
    tests then get a new connection without the serialized reference data."""
    return connections[DEFAULT_DB_ALIAS]


@pytest.fixture(autouse=True)
def _reference_data(_connection_before_playwright, django_db_blocker):
    """Reload the data migrations' reference rows (pathways, referral sources...) as
    serialized_rollback would, had the connection not changed, and close the old connection so
    the test database can be dropped at the end."""
    before, now = _connection_before_playwright, connections[DEFAULT_DB_ALIAS]
    if now is before or hasattr(now, "_test_serialized_contents"):
        return
    now._test_serialized_contents = before._test_serialized_contents
    with django_db_blocker.unblock():
        now.creation.deserialize_db_from_string(now._test_serialized_contents)
        before.close()


@pytest.fixture(scope="package")
def live_server():
    """pytest-django's live server, started over plain HTTP. SecurityMiddleware reads the HTTPS
    redirect and HSTS settings once, when the server builds its handler, so they are relaxed
    only while it starts; production defaults and every other test keep them."""
    # Each request closes its database connection: a browser's keep-alive connection would
    # otherwise hold one open in a server thread after the tests, and the test database
    # could not be dropped.
    database = connections.settings[DEFAULT_DB_ALIAS]
    conn_max_age, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0):
        server = LiveServer("localhost")
    yield server
    server.stop()
    database["CONN_MAX_AGE"] = conn_max_age


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    # Read on every response: HTTPS-only cookies would never come back over plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def phone(browser):
    """A page in a 360x740 touch-screen phone viewport."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe():
    # The axe-core script comes from the installed package: nothing is fetched at run time.
    return Axe()


@pytest.fixture
def check_a11y(axe):
    """Run axe-core on the page as it is now; fail on any WCAG 2.2 A or AA violation."""

    def check(page):
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = axe.run(page, options=options).response["violations"]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in violations
        ]
        assert not report, f"axe on {page.url}:\n" + "\n".join(report)

    return check


@pytest.fixture
def dialogs():
    """Collects every JavaScript dialog a page opens (an executed XSS payload would alert)."""
    return []


def authenticator(user) -> TOTPDevice:
    """`user`'s authenticator app, set up with a known key."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="E2E authenticator", defaults={"key": TOTP_KEY.hex(), "confirmed": True}
    )
    return device


def current_code(device: TOTPDevice) -> str:
    """The 6-digit code the app shows now, worked out as the app does (RFC 6238)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page, live_server, user, *, check=None):
    """Sign in through the real pages: email and password, then the authenticator code.
    `check` (check_a11y) is run on both sign-in pages when given."""
    page.set_default_timeout(10_000)
    device = authenticator(user)
    page.goto(f"{live_server.url}/accounts/login/")
    if check:
        check(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/two-factor/**")
    if check:
        check(page)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/")


def born(age: int) -> date:
    today = date.today()
    return today.replace(year=today.year - age, day=min(today.day, 28))
