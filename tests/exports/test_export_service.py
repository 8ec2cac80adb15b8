import csv
import importlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from casework.models import InterventionType
from exports import services, tasks
from exports.models import ExportJob, ExportStatus
from exports.tables import NOT_EXPORTED, exported_models, is_audit_event, tables
from imports.kinds.client_rows import COLUMNS as CLIENT_COLUMNS
from imports.kinds.session_rows import COLUMNS as SESSION_COLUMNS
from sos.spreadsheets import safe_cell as csv_safe
from tests.exports.zips import names, read_csv, text_of
from tests.factories import (
    AssessmentScoreFactory,
    CaseFactory,
    ConsentFactory,
    GoalReviewFactory,
    GroupSessionFactory,
    OffenceFactory,
    OutcomeFactory,
    RiskFlagFactory,
    SessionFactory,
)
from tests.watermarks import assert_marked, csv_watermark

APPS = ["sos", "clients", "casework", "imports", "exports", "reporting"]


def run_export(user):
    job, _created = services.export_request(user=user)
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.fixture
def records(southwark, alice):
    case = CaseFactory(client__borough=southwark, caseworker=alice, client__pnc_id="08/000001X")
    session = SessionFactory(case=case, notes='=HYPERLINK("http://evil.invalid")')
    session.interventions.add(InterventionType.objects.get(name="CV workshop"))
    OffenceFactory(client=case.client, recorded_by=alice)
    ConsentFactory(client=case.client, recorded_by=alice)
    RiskFlagFactory(client=case.client, recorded_by=alice, notes="-1+1")
    GroupSessionFactory(borough=southwark, logged_by=alice, facilitators=[alice])
    GoalReviewFactory(goal__case=case, goal__created_by=alice, reviewed_by=alice)
    AssessmentScoreFactory(assessment__case=case, assessment__assessed_by=alice)
    OutcomeFactory(case=case, recorded_by=alice)
    return case


def test_it_exports_every_table_with_a_readme(admin_user, records):
    job = run_export(admin_user)
    assert (job.status, job.progress, job.error) == (ExportStatus.DONE, 100, "")
    files = names(job.path)
    assert files[:2] == ["clients.csv", "sessions.csv"] and files[-1] == "README.txt"
    assert {"offences.csv", "group_session_facilitators.csv", "assessment_scores.csv"} <= set(files)
    for name in ["offences.csv", "consents.csv", "risk_flags.csv", "goal_reviews.csv"]:
        assert len(read_csv(job.path, name)) == 1, name
    readme = zipfile.ZipFile(job.path).read("README.txt").decode()
    assert f"Prepared for: {admin_user.get_full_name()} <{admin_user.email}>" in readme
    assert "Its first row is the watermark above" in readme
    for table in tables():
        assert table.file_name in readme
        assert all(f"  {column.header}: " in readme for column in table.columns)
    assert job.rows_written == job.rows_total > 0


def test_it_covers_every_model_but_the_audit_trail_and_those_left_out_on_purpose():
    models = {
        model._meta.label
        for app in APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if not is_audit_event(model)
    }
    assert models - exported_models() - set(NOT_EXPORTED) == set()


def test_it_writes_clients_and_sessions_with_the_import_templates_headers(admin_user, records):
    job = run_export(admin_user)
    clients = read_csv(job.path, "clients.csv")
    assert list(clients[0])[: len(CLIENT_COLUMNS)] == [c.header for c in CLIENT_COLUMNS]
    assert clients[0]["PNC ID"] == "08/000001X" and clients[0]["Borough"] == "Southwark"
    sessions = read_csv(job.path, "sessions.csv")
    assert list(sessions[0])[: len(SESSION_COLUMNS)] == [c.header for c in SESSION_COLUMNS]
    assert sessions[0]["Interventions"] == "CV workshop"


def test_it_leaves_out_password_hashes_and_two_factor_secrets(admin_user, records, alice):
    job = run_export(admin_user)
    staff = read_csv(job.path, "staff.csv")
    assert "password" not in staff[0]
    text = b"".join(zipfile.ZipFile(job.path).read(n) for n in names(job.path)).decode()
    assert alice.password not in text and "otp" not in " ".join(names(job.path))


def test_it_escapes_every_cell_a_spreadsheet_would_run_as_a_formula(admin_user, records):
    job = run_export(admin_user)
    unsafe = []
    with zipfile.ZipFile(job.path) as archive:
        for name in names(job.path):
            if name.endswith(".csv"):
                text = archive.read(name).decode("utf-8-sig")
                for row in csv.reader(io.StringIO(text)):
                    unsafe += [cell for cell in row if cell and cell[0] in "=+-@\t\r"]
    assert unsafe == []
    assert read_csv(job.path, "sessions.csv")[0]["Notes"].startswith("'=HYPERLINK")


def test_it_watermarks_every_csv_with_who_asked_when_and_the_export(admin_user, records):
    since = timezone.now()
    job = run_export(admin_user)
    files = [name for name in names(job.path) if name.endswith(".csv")]
    assert len(files) > 10
    for name in files:
        fields = csv_watermark(text_of(job.path, name))
        assert_marked(fields, user=admin_user, since=since, reference=f"full export {job.pk}")


def test_it_escapes_a_formula_in_the_name_on_the_watermark(admin_user, records):
    admin_user.first_name = '=HYPERLINK("http://evil.invalid","x")'
    admin_user.save()
    job = run_export(admin_user)
    fields = csv_watermark(text_of(job.path, "clients.csv"))
    assert fields["Prepared for"].startswith("'=HYPERLINK(")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_it_escapes_one_cell_with_a_leading_quote(text):
    assert csv_safe(text) == "'" + text
    assert csv_safe("Jay") == "Jay" and csv_safe(None) is None


def test_it_queues_one_export_at_a_time(admin_user):
    first, created = services.export_request(user=admin_user)
    second, created_again = services.export_request(user=admin_user)
    assert (created, created_again, second) == (True, False, first)


def test_it_queues_the_writing_job_with_the_request(admin_user):
    job, _created = services.export_request(user=admin_user)
    queued = ProcrastinateJob.objects.filter(task_name="exports.write", status="todo")
    assert list(queued.values_list("args", flat=True)) == [{"export_id": job.pk}]
    services.export_request(user=admin_user)
    assert queued.count() == 1


def test_it_writes_the_export_when_its_queued_job_runs(admin_user, records):
    job, _created = services.export_request(user=admin_user)
    args = ProcrastinateJob.objects.get(task_name="exports.write").args
    tasks.export_write(**args)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.path.exists()


def test_it_leaves_a_written_export_alone_when_its_job_runs_again(admin_user, records):
    job = run_export(admin_user)
    written = job.path.read_bytes()
    services.export_run(job_id=job.pk)
    again = ExportJob.objects.get(pk=job.pk)
    assert (again.file_name, again.finished_at) == (job.file_name, job.finished_at)
    assert again.path.read_bytes() == written


def test_it_starts_afresh_an_export_whose_worker_was_killed(admin_user, records, settings):
    job, _created = services.export_request(user=admin_user)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, progress=40, rows_written=123
    )
    settings.PRIVATE_FILES_DIR.mkdir(parents=True, exist_ok=True)
    # Killed while writing, and killed after renaming but before marking the job done.
    half = settings.PRIVATE_FILES_DIR / f"export-{job.pk}-20260101000000.zip.part"
    half.write_bytes(b"half a zip")
    unmarked = settings.PRIVATE_FILES_DIR / f"export-{job.pk}-20260101000001.zip"
    unmarked.write_bytes(b"a whole zip never marked done")
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert [path.name for path in settings.PRIVATE_FILES_DIR.iterdir()] == [job.file_name]
    assert zipfile.ZipFile(job.path).testzip() is None


def test_it_marks_a_failed_export_and_keeps_no_partial_file(admin_user, monkeypatch, settings):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "write_zip", fail)
    job, _created = services.export_request(user=admin_user)
    with pytest.raises(RuntimeError):
        services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportStatus.FAILED, "RuntimeError")
    assert list(settings.PRIVATE_FILES_DIR.iterdir()) == []


def test_it_deletes_files_past_their_lifetime_and_keeps_the_audit(admin_user, settings):
    job = run_export(admin_user)
    ExportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - timedelta(days=settings.EXPORT_LIFETIME_DAYS + 1)
    )
    path = job.path
    assert services.export_purge() == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED and not path.exists()


def test_it_writes_the_file_readable_by_its_owner_only(admin_user):
    job = run_export(admin_user)
    assert job.path.stat().st_mode & 0o077 == 0


def test_it_fails_the_exports_the_old_runner_left_unfinished_at_the_upgrade(admin_user):
    upgrade = importlib.import_module("exports.migrations.0003_drop_runner_heartbeat")
    waiting = ExportJob.objects.create(requested_by=admin_user)
    written = ExportJob.objects.create(requested_by=admin_user, status=ExportStatus.DONE)
    upgrade.fail_exports_left_by_the_old_runner(apps, None)
    waiting.refresh_from_db()
    written.refresh_from_db()
    assert (waiting.status, written.status) == (ExportStatus.FAILED, ExportStatus.DONE)
