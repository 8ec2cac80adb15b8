import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from clients.models import Client
from imports import services
from imports.models import ImportRun, ImportStatus
from sos.models import Role
from tests.factories import UserFactory
from tests.imports.sheets import client_row, csv_file


def upload(client, rows, name="records.csv"):
    data = {"kind": "clients", "file": SimpleUploadedFile(name, csv_file(rows))}
    return client.post(reverse("imports:start"), data)


def previewed(user, rows):
    run, _plan = services.import_preview(
        user=user, kind="clients", file_name="records.csv", content=csv_file(rows)
    )
    return run


@pytest.mark.parametrize("persona", ["alice", "evaluator", "charlie"])
def test_it_is_for_admins_and_managers_only(client, login, request, persona, manager):
    login(request.getfixturevalue(persona))
    run = previewed(manager, [client_row(1)])
    assert client.get(reverse("imports:start")).status_code == 403
    assert client.get(reverse("imports:preview", args=[run.pk])).status_code == 403
    assert client.get(reverse("imports:template", args=["clients", "csv"])).status_code == 403


def test_it_uploads_then_previews_without_writing(client, login, manager, southwark):
    login(manager)
    response = upload(client, [client_row(1), client_row(2, Borough="Croydon")])
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("imports:preview", args=[run.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Will create" in html and "Skip the 1 invalid row and import the rest" in html
    assert "Croydon is not one you can import into" not in html  # unknown here, not outside
    assert "Unknown borough: Croydon." in html
    assert not Client.objects.exists()


def test_it_commits_the_previewed_file(client, login, manager, southwark):
    login(manager)
    run = previewed(manager, [client_row(1), client_row(2)])
    response = client.post(reverse("imports:commit", args=[run.pk]))
    assert response["Location"] == reverse("imports:start")
    assert Client.objects.count() == 2
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED and bytes(run.content) == b""


def test_it_requires_the_choice_to_skip_invalid_rows(client, login, manager, southwark):
    login(manager)
    run = previewed(manager, [client_row(1), client_row(2, Borough="Atlantis")])
    client.post(reverse("imports:commit", args=[run.pk]))
    assert not Client.objects.exists()
    client.post(reverse("imports:commit", args=[run.pk]), {"skip_invalid": "on"})
    assert Client.objects.count() == 1


def test_it_404s_for_other_borough(client, login, manager, croydon):
    other_manager = UserFactory(role=Role.MANAGER, boroughs=[croydon])
    run = previewed(other_manager, [client_row(1, Borough="Croydon")])
    login(manager)
    assert client.get(reverse("imports:preview", args=[run.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[run.pk])).status_code == 404
    assert not Client.objects.exists()


@pytest.mark.parametrize("url_name", ["imports:commit", "imports:cancel"])
def test_it_rejects_get(client, login, manager, url_name):
    run = previewed(manager, [client_row(1)])
    login(manager)
    assert client.get(reverse(url_name, args=[run.pk])).status_code == 405


def test_it_cancels_and_erases_the_file(client, login, manager, southwark):
    run = previewed(manager, [client_row(1)])
    login(manager)
    client.post(reverse("imports:cancel", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportStatus.CANCELLED and bytes(run.content) == b""


def test_it_refuses_a_file_that_is_not_csv_or_xlsx(client, login, manager):
    login(manager)
    response = upload(client, [client_row(1)], name="records.pdf")
    assert response.status_code == 200 and not ImportRun.objects.exists()


def test_it_shows_an_admin_every_import_and_a_manager_their_own(
    client, login, admin_user, manager, southwark
):
    previewed(admin_user, [client_row(1)])
    login(manager)
    assert list(client.get(reverse("imports:start")).context["runs"]) == []
    login(admin_user)
    assert len(client.get(reverse("imports:start")).context["runs"]) == 1


def test_it_offers_csv_and_xlsx_templates_with_one_example_row(client, login, admin_user):
    login(admin_user)
    csv_text = client.get(reverse("imports:template", args=["clients", "csv"])).content
    lines = csv_text.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("First name,Last name") and len(lines) == 2
    response = client.get(reverse("imports:template", args=["clients", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.active.max_row == 2 and book.active["A2"].value == "Jordan"
    sessions = client.get(reverse("imports:template", args=["sessions", "csv"])).content
    assert sessions.decode("utf-8-sig").startswith("PNC ID,First name,Last name,Date of birth")
    assert client.get(reverse("imports:template", args=["offences", "csv"])).status_code == 404


def test_it_links_the_import_page_for_managers_only(client, login, manager, alice):
    login(manager)
    assert reverse("imports:start") in client.get(reverse("home")).content.decode()
    login(alice)
    assert reverse("imports:start") not in client.get(reverse("home")).content.decode()


def test_it_offers_to_skip_the_invalid_rows_on_the_preview_itself(
    client, login, manager, southwark
):
    login(manager)
    rows = [client_row(1), client_row(2, Borough="Atlantis"), client_row(3, Borough="Atlantis")]
    run = previewed(manager, rows)
    html = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    button = "Skip the 2 invalid rows and import the rest"
    assert button in html
    assert 'type="checkbox"' not in html  # one button, no box to forget to tick
    # The preview's own form, posted as the button sends it, imports the valid row only.
    form = re.search(
        rf'<form method="post" action="{reverse("imports:commit", args=[run.pk])}".*?</form>',
        html,
        re.S,
    ).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    client.post(reverse("imports:commit", args=[run.pk]), fields)
    assert Client.objects.count() == 1
    run.refresh_from_db()
    assert (run.status, run.created, run.skipped) == (ImportStatus.COMMITTED, 1, 2)


def test_it_offers_a_plain_import_when_every_row_is_valid(client, login, manager, southwark):
    login(manager)
    run = previewed(manager, [client_row(1)])
    html = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    assert "invalid row" not in html and 'name="skip_invalid"' not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2008", "31/02/2008 is not a real date: February 2008 has 29 days."),
        ("29/02/2007", "29/02/2007 is not a real date: February 2007 has 28 days."),
        ("2008-04-31", "2008-04-31 is not a real date: April 2008 has 30 days."),
        ("12/13/2008", "12/13/2008 is not a real date: there is no month 13."),
        ("yesterday", '"yesterday" is not a date: use a date like 31/01/2024 or 2024-01-31.'),
    ],
)
def test_it_says_a_date_does_not_exist_showing_the_value(
    client, login, manager, southwark, value, message
):
    login(manager)
    run = previewed(manager, [client_row(1, **{"Date of birth": value})])
    html = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    assert escape(message) in html
    assert "Use a date like" not in html
