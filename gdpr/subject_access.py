"""Subject access: everything held about one young person, as one ZIP a young person or
their solicitor can read: a document (subject-access.html) in plain English, with dates and
who recorded what, and one CSV per table with plain file and column names. The change
history and the access log are described (who changed or opened what, when), not dumped."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from audit.models import AccessRecord
from audit.wording import access_in_words
from gdpr.anonymise import event_models
from sos.spreadsheets import safe_cell
from sos.watermark import CSV_MARK, Watermark

# Every table that holds a client's data, with the path from it to the client. The export
# adds each one's pghistory event table (its history). tests/gdpr/test_subject_access.py
# walks every model with a foreign-key path to Client and fails when one is missing here.
TABLES = {
    "clients.Client": ("Personal details", "id"),
    "clients.Case": ("Support episodes", "client"),
    # Which support episode is their current one (kept by the database, clients.CurrentCase).
    "clients.CurrentCase": ("Current support episode", "client"),
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
# The history tables' own columns, in words; their snapshot columns keep the table's names.
HISTORY_COLUMNS = {
    "pgh_created_at": "When",
    "pgh_context_id": "Changed by",
    "pgh_label": "What happened",
    "pgh_obj_id": "Record number",
}
HAPPENED = {"insert": "Added", "update": "Changed", "delete": "Deleted"}
# Internal columns that say nothing to a reader: the history entry's own number, the
# concurrency counter, double-click tokens.
LEFT_OUT = {"pgh_id", "version", "submission_token", "pgh_context"}
STYLESHEET = "css/subject-access.css"
DATE_FORMAT, TIME_FORMAT = "%-d %b %Y", "%-d %b %Y %H:%M"


@dataclass
class Table:
    file_name: str
    title: str
    headings: list[str]
    rows: list[list[str]]
    is_history: bool

    @property
    def records(self) -> list[list[tuple[str, str]]]:
        """Each row as (heading, value) pairs, for a record shown as a list of details."""
        return [list(zip(self.headings, row, strict=True)) for row in self.rows]


def export_tables() -> list[tuple[str, str, type[models.Model], str]]:
    """(file name, title, model, path to client) for every table of the export."""
    tables = []
    for label, (title, to_client) in TABLES.items():
        model = apps.get_model(label)
        tables.append((f"{slugify(title)}.csv", title, model, to_client))
        for event_model in event_models(model):
            history = f"History of {title.lower()}"
            tables.append((f"{slugify(history)}.csv", history, event_model, to_client))
    return tables


def columns_of(model) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if field.attname not in LEFT_OUT]


def heading(field: models.Field) -> str:
    if field.attname in HISTORY_COLUMNS:
        return HISTORY_COLUMNS[field.attname]
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def in_words(value) -> str:
    """One value as a person reads it: British dates, yes or no, nothing for blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):{TIME_FORMAT}}"
    if isinstance(value, date):
        return f"{value:{DATE_FORMAT}}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def labels_of(field: models.Field, records: list) -> dict:
    """A foreign key's values as the names they stand for (a person, a reason, a pathway);
    a history row's context as the member of staff who made the change."""
    ids = {getattr(record, field.attname) for record in records} - {None}
    if field.attname == "pgh_context_id":
        contexts = field.related_model.objects.in_bulk(ids)
        users = {pk: context.metadata.get("user") for pk, context in contexts.items()}
        names = apps.get_model("sos.User").objects.in_bulk(set(users.values()) - {None})
        return {pk: str(names.get(user, "the system")) for pk, user in users.items()}
    if field.attname == "pgh_obj_id":
        return {pk: str(pk) for pk in ids}
    return {pk: str(obj) for pk, obj in field.related_model.objects.in_bulk(ids).items()}


def readable_table(file_name, title, model, to_client, client) -> Table:
    records = list(model.objects.filter(**{to_client: client.pk}).order_by("pk"))
    fields = columns_of(model)
    labels = {field.attname: labels_of(field, records) for field in fields if field.is_relation}
    headings = [heading(field) for field in fields]
    rows = []
    for record in records:
        row = []
        for field in fields:
            value = getattr(record, field.attname)
            if field.attname in labels:
                row.append(labels[field.attname].get(value, ""))
            elif field.attname == "pgh_label":
                row.append(HAPPENED.get(value, value))
            elif field.choices:
                row.append(str(dict(field.flatchoices).get(value, value or "")))
            else:
                row.append(in_words(value))
        rows.append(row)
    if model is AccessRecord:
        # The log is shown as what each person did, not as route names and ids.
        headings = ["When", "Who", "What they did"]
        rows = [[in_words(r.at), str(r.user), access_in_words(r)] for r in records]
    return Table(file_name, title, headings, rows, is_history=hasattr(model, "pgh_obj"))


def table_csv(table: Table, watermark: Watermark) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(watermark.csv_row())
    writer.writerow(table.headings)
    for row in table.rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def subject_access_zip(*, client, watermark: Watermark) -> bytes:
    """The ZIP of everything held about `client`: the document, its README and every CSV,
    all marked with `watermark`."""
    tables = [readable_table(*spec, client) for spec in export_tables()]
    document = render_to_string(
        "gdpr/subject_access_document.html",
        {"client": client, "tables": tables, "watermark": watermark.fields()},
    )
    lines = [
        "Everything SOS Casework holds about one young person (a subject access request).",
        f"Client number {client.pk}.",
        *watermark.lines(),
        "",
        "Start with subject-access.html: it shows everything below as one readable document.",
        "Each CSV file is one table. Its first row is the watermark above: a first cell",
        f"{CSV_MARK!r}, then the sensitivity line and each label and value. The second row",
        'names its columns. Files starting "history-of" hold every earlier version of the',
        "records, with who changed them and when.",
        "",
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("subject-access.html", document)
        archive.writestr("subject-access.css", Path(finders.find(STYLESHEET)).read_text())
        for table in tables:
            archive.writestr(table.file_name, table_csv(table, watermark))
            lines.append(f"{table.file_name}: {table.title} ({len(table.rows)} rows)")
        archive.writestr("README.txt", "\n".join(lines) + "\n")
    return buffer.getvalue()
