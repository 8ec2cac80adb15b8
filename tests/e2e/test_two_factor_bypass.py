"""2FA enforced, in a real browser: a session signed in with the right password but no second
factor reaches no page and no download, whatever URL is typed or fetched. A wrong code keeps it
out; the right one lets it in."""

import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exports.models import ExportJob
from tests.e2e.conftest import authenticator, current_code
from tests.factories import TEST_PASSWORD, CaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# On every page about this young person; it must be on none shown before the second factor.
CANARY = "Zephyrine-Canary"


@pytest.fixture
def canary_client(southwark, alice):
    return CaseFactory(
        client__borough=southwark, client__first_name=CANARY, caseworker=alice
    ).client


def typed_urls(client, alice, admin_user) -> list[str]:
    """Pages and downloads an admin (who sees every borough) reaches once fully signed in."""
    export = ExportJob.objects.create(requested_by=admin_user)
    return [
        reverse("home"),
        reverse("clients:list"),
        reverse("clients:detail", args=[client.pk]),
        reverse("casework:timeline", args=[client.pk]),
        reverse("reporting:return"),
        reverse("reporting:return_download", args=["csv"]),
        reverse("reporting:return_download", args=["xlsx"]),
        reverse("gdpr:subject_access", args=[client.pk]),
        reverse("exports:download", args=[export.pk]),
        reverse("staff_list"),
        reverse("staff_edit", args=[alice.pk]),
        reverse("staff_add"),
        "/django-admin/",
        "/django-admin/sos/user/",
    ]


def sign_in_with_password_only(page, live_server, user):
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/two-factor/**")


def assert_kept_at_second_factor(page, live_server, urls):
    for url in urls:
        page.goto(live_server.url + url)
        assert urlsplit(page.url).path == reverse("two_factor_verify"), url
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert CANARY not in page.content(), url


def a_wrong_code(device) -> str:
    return "000000" if current_code(device) != "000000" else "111111"


def test_it_keeps_a_password_only_session_at_the_second_factor(
    live_server, page, admin_user, alice, canary_client
):
    device = authenticator(admin_user)
    urls = typed_urls(canary_client, alice, admin_user)
    sign_in_with_password_only(page, live_server, admin_user)
    assert_kept_at_second_factor(page, live_server, urls)

    page.get_by_label("Code").fill(a_wrong_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Code")).to_be_visible()
    assert_kept_at_second_factor(page, live_server, urls)

    wait_until_accepting(device)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: urlsplit(url).path != reverse("two_factor_verify"))
    page.goto(live_server.url + reverse("clients:detail", args=[canary_client.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(CANARY)


def test_it_lets_a_password_only_session_cookie_fetch_no_download(
    live_server, page, admin_user, canary_client
):
    device = authenticator(admin_user)
    downloads = {
        reverse("reporting:return_download", args=["csv"]): "text/csv",
        reverse("reporting:return_download", args=["xlsx"]): "application/vnd.openxmlformats",
        reverse("gdpr:subject_access", args=[canary_client.pk]): "application/zip",
    }
    sign_in_with_password_only(page, live_server, admin_user)
    for url in downloads:
        # The browser's own request context: the same cookies, no page navigation.
        response = page.request.get(live_server.url + url, max_redirects=0)
        assert response.status == 302, url
        assert urlsplit(response.headers["location"]).path == reverse("two_factor_verify"), url
        assert CANARY.encode() not in response.body()
        followed = page.request.get(live_server.url + url)
        assert followed.headers["content-type"].startswith("text/html"), url
        assert CANARY.encode() not in followed.body()

    # The same cookie, once the second factor is proved, does fetch them.
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/")
    for url, content_type in downloads.items():
        response = page.request.get(live_server.url + url, max_redirects=0)
        assert response.status == 200, url
        assert response.headers["content-type"].startswith(content_type), url


def wait_until_accepting(device, timeout: float = 15) -> None:
    """django-otp refuses any code for a moment after a wrong one (throttling): poll until the
    device takes codes again."""
    deadline = time.monotonic() + timeout
    device.refresh_from_db()
    while not device.verify_is_allowed()[0]:
        assert time.monotonic() < deadline, "the authenticator stayed throttled"
        time.sleep(0.2)
        device.refresh_from_db()
