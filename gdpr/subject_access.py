"""Subject access: everything held about one young person, as one ZIP a person can read
(a README and one CSV per table), with the change history and the access log."""

import csv
import io
import zipfile

from django.apps import apps

from gdpr.anonymise import event_models
from sos.spreadsheets import safe_cell
from sos.watermark import CSV_MARK, Watermark

# Every table that holds a client's data, with the path from it to the client. The export
# adds each one's pghistory event table (its history). tests/gdpr/test_subject_access.py
# walks every model with a foreign-key path to Client and fails when one is missing here.
TABLES = {
    "clients.Client": ("Personal details", "id"),
    "clients.Case": ("Support episodes", "client"),
    "clients.Offence": ("Offences", "client"),
    "clients.JusticeEvent": ("Arrests, charges, outcomes and custody", "offence__client"),
    "clients.Consent": ("Consent decisions", "client"),
    "clients.RiskFlag": ("Risk and safeguarding flags", "client"),
    "casework.Session": ("Sessions", "case__client"),
    "casework.SessionIntervention": ("Interventions in sessions", "session__case__client"),
    "casework.Goal": ("Goals", "case__client"),
    "casework.GoalReview": ("Goal reviews", "goal__case__client"),
    "casework.Assessment": ("Assessments", "case__client"),
    "casework.AssessmentScore": ("Assessment scores", "assessment__case__client"),
    "casework.Outcome": ("Outcomes", "case__client"),
    "audit.AccessRecord": ("Who opened their records", "client"),
    "gdpr.ErasureRequest": ("Erasure requests", "client"),
    "gdpr.Anonymisation": ("Anonymisation", "client"),
    "referrals.Submission": ("Referrals from partner agencies, once accepted", "client"),
    "referrals.Attempt": ("Sends of a partner's referral form", "submission__client"),
}


def cell(value) -> str:
    return safe_cell("" if value is None else str(value))


def export_tables() -> list[tuple[str, str, object, str]]:
    """(file name, title, model, path to client) for every table of the export."""
    tables = []
    for label, (title, to_client) in TABLES.items():
        model = apps.get_model(label)
        tables.append((f"{label}.csv", title, model, to_client))
        for event_model in event_models(model):
            name = f"{event_model._meta.label}.csv"
            tables.append((name, f"History of: {title.lower()}", event_model, to_client))
    return tables


def table_csv(model, rows, watermark: Watermark) -> str:
    columns = [field.attname for field in model._meta.concrete_fields]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(watermark.csv_row())
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[column]) for column in columns])
    return out.getvalue()


def subject_access_zip(*, client, watermark: Watermark) -> bytes:
    """The ZIP of everything held about `client`, its README and every CSV marked with
    `watermark`."""
    buffer = io.BytesIO()
    lines = [
        "Everything SOS Casework holds about one young person (a subject access request).",
        f"Client number {client.pk}.",
        *watermark.lines(),
        "",
        "Each CSV file is one table. Its first row is the watermark above: a first cell",
        f"{CSV_MARK!r}, then the sensitivity line and each label and value. The second row",
        'names its columns. Files starting "History of" hold every earlier version of the',
        "records, with who changed them.",
        "",
    ]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, title, model, to_client in export_tables():
            fields = [field.attname for field in model._meta.concrete_fields]
            rows = list(model.objects.filter(**{to_client: client.pk}).values(*fields))
            archive.writestr(name, table_csv(model, rows, watermark))
            lines.append(f"{name}: {title} ({len(rows)} rows)")
        archive.writestr("README.txt", "\n".join(lines) + "\n")
    return buffer.getvalue()
