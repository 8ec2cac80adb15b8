import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
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
    assert "Will create" in html and "Skip the invalid rows" in html
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
