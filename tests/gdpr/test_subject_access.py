"""Subject access: every table holding a client's data is in their export, audited."""

import csv
import io
import re
import zipfile

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessRecord
from clients.models import Client, RiskFlagType
from gdpr import views
from gdpr.subject_access import export_tables
from tests.security.conftest import CANARIES
from tests.watermarks import assert_marked, csv_watermark, without_watermark


def reaches_client(model, depth: int = 4) -> bool:
    """Whether a chain of foreign keys leads from `model` to Client."""
    if model is Client:
        return True
    if depth == 0:
        return False
    return any(
        reaches_client(field.related_model, depth - 1)
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is not model
    )


def export(login, admin_user, client) -> zipfile.ZipFile:
    response = login(admin_user).get(reverse("gdpr:subject_access", args=[client.pk]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    """The rows of one CSV of the archive, after its watermark row."""
    return list(csv.DictReader(io.StringIO(without_watermark(archive.read(name).decode()))))


def test_it_covers_every_table_with_a_path_to_the_client(login, admin_user, records_by_borough):
    archive = export(login, admin_user, records_by_borough["Southwark"]["client"])
    holding = {m._meta.label for m in apps.get_models() if reaches_client(m)}
    files = {model._meta.label: name for name, _title, model, _path in export_tables()}
    assert holding - set(files) == set()
    assert {files[label] for label in holding} <= set(archive.namelist())
    assert len(holding) > 20


def test_it_holds_the_clients_data_and_no_one_elses(login, admin_user, records_by_borough):
    archive = export(login, admin_user, records_by_borough["Southwark"]["client"])
    text = "".join(archive.read(name).decode() for name in archive.namelist())
    assert text.count(CANARIES["Southwark"]) >= 8
    assert CANARIES["Croydon"] not in text
    offences = rows(archive, "offences.csv")
    assert [row["Notes"] for row in offences] == [f"{CANARIES['Southwark']} offence details"]


def test_it_explains_itself_in_a_readme(login, admin_user, southwark_client):
    readme = export(login, admin_user, southwark_client).read("README.txt").decode()
    assert f"Prepared for: {admin_user.get_full_name()} <{admin_user.email}>" in readme
    assert "Its first row is the watermark above" in readme
    assert "personal-details.csv: Personal details (1 rows)" in readme


def test_it_watermarks_every_csv_with_the_access_record_of_the_download(
    login, admin_user, records_by_borough
):
    since = timezone.now()
    archive = export(login, admin_user, records_by_borough["Southwark"]["client"])
    record = AccessRecord.objects.get()  # one row: the view wrote it, the middleware did not
    files = [name for name in archive.namelist() if name.endswith(".csv")]
    assert len(files) > 20
    for name in files:
        fields = csv_watermark(archive.read(name).decode())
        assert_marked(fields, user=admin_user, since=since, reference=f"access record {record.pk}")
    readme = archive.read("README.txt").decode()
    assert f"Reference: access record {record.pk}" in readme


def test_it_records_no_download_when_the_archive_cannot_be_built(
    login, admin_user, southwark_client, monkeypatch
):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(views, "subject_access_zip", fail)
    with pytest.raises(RuntimeError):
        login(admin_user).get(reverse("gdpr:subject_access", args=[southwark_client.pk]))
    assert not AccessRecord.objects.exists()


def test_it_escapes_a_formula_in_the_name_on_the_watermark(login, admin_user, southwark_client):
    admin_user.first_name = '=HYPERLINK("http://evil.invalid","x")'
    admin_user.save()
    archive = export(login, admin_user, southwark_client)
    fields = csv_watermark(archive.read("personal-details.csv").decode())
    assert fields["Prepared for"].startswith("'=HYPERLINK(")


def test_it_is_audited(login, admin_user, southwark_client):
    export(login, admin_user, southwark_client)
    record = AccessRecord.objects.get()
    assert (record.route, record.client_id) == ("gdpr:subject_access", southwark_client.pk)


def test_it_escapes_formulas(login, admin_user, southwark_client):
    Client.objects.filter(pk=southwark_client.pk).update(address="=HYPERLINK(1)")
    archive = export(login, admin_user, southwark_client)
    (row,) = rows(archive, "personal-details.csv")
    assert row["Address"] == "'=HYPERLINK(1)"


def test_it_is_for_admins_only(login, manager, southwark_client):
    url = reverse("gdpr:subject_access", args=[southwark_client.pk])
    assert login(manager).get(url).status_code == 403


def document_sections(archive: zipfile.ZipFile) -> dict[str, str]:
    """The readable document's sections, keyed by the CSV file each stands beside."""
    html = archive.read("subject-access.html").decode()
    return dict(re.findall(r'<section id="([^"]+)">(.*?)</section>', html, re.S))


def test_it_is_a_readable_document_of_every_record_and_no_one_elses(
    login, admin_user, alice, records_by_borough
):
    young_person = records_by_borough["Southwark"]["client"]
    login(alice).get(reverse("clients:detail", args=[young_person.pk]))
    archive = export(login, admin_user, young_person)
    sections = document_sections(archive)
    # Every table, with as many rows as the database holds for this young person (recounted
    # here through each table's own path to them), the history tables included.
    for name, _title, model, to_client in export_tables():
        held = model.objects.filter(**{to_client: young_person.pk}).count()
        shown = sections[name].count('class="record"')
        assert shown == held, name
    html = archive.read("subject-access.html").decode()
    for text in (
        f"{CANARIES['Southwark']} offence details",
        f"{CANARIES['Southwark']} session notes",
        f"{CANARIES['Southwark']} special category",
        f"{CANARIES['Southwark']} risk notes",
        f"{CANARIES['Southwark']} goal",
        f"{CANARIES['Southwark']} evidence",
        f"{CANARIES['Southwark']} consent notes",
        f"{CANARIES['Southwark']} referral reason",
    ):
        assert text in html
    assert CANARIES["Croydon"] not in html
    # Who recorded what, and when, in words.
    offence = young_person.offences.get()
    assert alice.get_full_name() in sections["offences.csv"]
    assert f"{offence.offence_date:%-d %b %Y}" in sections["offences.csv"]
    assert f"Opened the record of {young_person.display_name}".lower() in html.lower()
    assert "clients:detail" not in html


def test_it_names_files_and_columns_in_plain_words(login, admin_user, records_by_borough):
    archive = export(login, admin_user, records_by_borough["Southwark"]["client"])
    files = [name for name in archive.namelist() if name.endswith(".csv")]
    assert "history-of-sessions.csv" in files and "sessions.csv" in files
    for name in files:
        assert re.fullmatch(r"[a-z-]+\.csv", name), name
        headers = next(csv.reader(io.StringIO(without_watermark(archive.read(name).decode()))))
        for header in headers:
            assert "_" not in header and not header.startswith("pgh"), (name, header)
            assert header[:1].isupper(), (name, header)


def test_it_says_who_changed_a_record_in_its_history(login, admin_user, alice, southwark_client):
    page = login(alice)
    page.post(
        reverse("clients:risk_flag_add", args=[southwark_client.pk]),
        {
            "flag_type": RiskFlagType.objects.first().pk,
            "level": "high",
            "review_date": "2030-01-01",
        },
    )
    archive = export(login, admin_user, southwark_client)
    (event,) = rows(archive, "history-of-risk-and-safeguarding-flags.csv")
    assert (event["What happened"], event["Changed by"]) == ("Added", alice.get_full_name())
