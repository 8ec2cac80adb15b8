"""What a full export holds: one CSV per table, in the order the README lists them.

clients.csv and sessions.csv have the import templates' columns first (imports.kinds), so the
importer reads them back; other tables are the model's own columns, foreign keys as ids of
rows in the other files.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.aggregates import StringAgg
from django.db import models

from casework.models import Session
from clients.models import Case, Client
from imports.kinds.client_rows import COLUMNS as CLIENT_COLUMNS
from imports.kinds.session_forms import SEPARATOR
from imports.kinds.session_rows import COLUMNS as SESSION_COLUMNS

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ExportColumn:
    header: str
    source: str  # a values_list lookup
    description: str


@dataclass(frozen=True)
class Table:
    file_name: str
    description: str
    columns: list[ExportColumn]
    count: Callable[[], int]
    rows: Callable[[], Iterator[tuple]]


def describe(field) -> str:
    """A column's description for the README, from the model field itself."""
    text = str(field.verbose_name).capitalize()
    if field.is_relation:
        text += f" (id in {TABLE_OF_MODEL.get(field.related_model._meta.label, 'another file')})"
    if field.help_text:
        text += f". {field.help_text}"
    if field.choices:
        text += ". One of: " + ", ".join(f"{value} ({label})" for value, label in field.choices)
    return text


def model_table(label: str, file_name: str, description: str, *, leave_out=()) -> Table:
    """Every concrete column of a model, in model order."""
    model = apps.get_model(label)
    fields = [f for f in model._meta.concrete_fields if f.name not in leave_out]
    columns = [ExportColumn(f.attname, f.attname, describe(f)) for f in fields]
    queryset = model._base_manager.order_by("pk")
    return Table(
        file_name,
        description,
        columns,
        count=queryset.count,
        rows=lambda: queryset.values_list(*[c.source for c in columns]).iterator(CHUNK_SIZE),
    )


# Where each client-column of the import template comes from, seen from a Case.
CLIENT_SOURCES = {
    "borough": "client__borough__name",
    "confirm_unusual_age": None,  # every stored date of birth was confirmed when entered
    "referral_source": "referral_source__name",
    "caseworker": "caseworker__email",
    "closure_reason": "closure_reason__name",
}
CASE_FIELDS = {f.name for f in Case._meta.concrete_fields}


def _client_columns() -> list[ExportColumn]:
    columns = []
    for column in CLIENT_COLUMNS:
        source = CLIENT_SOURCES.get(column.field, column.field)
        if column.field not in CLIENT_SOURCES and column.field not in CASE_FIELDS:
            source = f"client__{column.field}"
        columns.append(ExportColumn(column.header, source, _import_description(column)))
    return columns + [
        ExportColumn("Client ID", "client_id", "The young person's id (other files' client_id)."),
        ExportColumn("Case ID", "id", "The case's id (other files' case_id); blank: no case."),
        ExportColumn("Case borough", "borough__name", "Borough the case is counted in."),
    ]


def _import_description(column) -> str:
    required = "required by the import" if column.required else "optional"
    example = f", for example {column.example}" if column.example else ""
    return f"Import column, {required}{example}."


def _client_rows() -> Iterator[tuple]:
    """One row per case; a young person without a case has one row with blank case columns."""
    sources = [c.source for c in CLIENT_TABLE_COLUMNS]
    cases = Case.objects.order_by("client_id", "referral_date", "pk")
    for row in cases.values_list(*[s or "pk" for s in sources]).iterator(CHUNK_SIZE):
        yield tuple("yes" if s is None else v for s, v in zip(sources, row, strict=True))
    own = [_client_side(s) for s in sources]
    alone = Client.objects.filter(cases__isnull=True).order_by("pk")
    for row in alone.values_list(*[s or "pk" for s in own]).iterator(CHUNK_SIZE):
        yield tuple(
            "yes" if s is None else (v if s else None) for s, v in zip(own, row, strict=True)
        )


def _client_side(source: str | None) -> str | None:
    """The lookup of a clients.csv column seen from a Client; "" for a case column."""
    if source is None or source.startswith("client__"):
        return source and source.removeprefix("client__")
    return "id" if source == "client_id" else ""


CLIENT_TABLE_COLUMNS = _client_columns()

SESSION_SOURCES = {
    "pnc_id": "case__client__pnc_id",
    "first_name": "case__client__first_name",
    "last_name": "case__client__last_name",
    "date_of_birth": "case__client__date_of_birth",
    "referral_date": "case__referral_date",
    "duration": "duration_minutes",
    "interventions": "intervention_names",
    "logged_by": "logged_by__email",
}
SESSION_TABLE_COLUMNS = [
    ExportColumn(c.header, SESSION_SOURCES.get(c.field, c.field), _import_description(c))
    for c in SESSION_COLUMNS
] + [
    ExportColumn("Session ID", "id", "The session's id (session_interventions.csv session_id)."),
    ExportColumn("Case ID", "case_id", "The case's id (clients.csv Case ID)."),
    ExportColumn("Next action done", "next_action_done", "Whether the next action was done."),
]


def _session_rows() -> Iterator[tuple]:
    sessions = (
        Session.objects.order_by("pk")
        .annotate(
            intervention_names=StringAgg(
                "interventions__name", delimiter=f"{SEPARATOR} ", order_by="interventions__name"
            )
        )
        .values_list(*[c.source for c in SESSION_TABLE_COLUMNS])
    )
    return sessions.iterator(CHUNK_SIZE)


REFERENCE = "Reference data admins edit (retired rows kept, is_active false)."
# file name, model, description, columns left out
MODEL_TABLES = [
    ("boroughs.csv", "sos.Borough", "Boroughs the project works in.", ()),
    (
        "borough_year_costs.csv",
        "sos.BoroughYearCost",
        "What the project spent in each borough and year (value for money).",
        (),
    ),
    (
        "disclosure_settings.csv",
        "sos.DisclosureSettings",
        "The disclosure-control threshold for borough outputs.",
        (),
    ),
    (
        "staff.csv",
        "sos.User",
        "Members of staff. No password hashes or two-factor secrets.",
        ("password",),
    ),
    (
        "staff_boroughs.csv",
        "sos.User_boroughs",
        "Which boroughs each member of staff works in.",
        (),
    ),
    ("referral_sources.csv", "clients.ReferralSource", REFERENCE, ()),
    ("closure_reasons.csv", "clients.ClosureReason", REFERENCE, ()),
    ("offence_categories.csv", "clients.OffenceCategory", REFERENCE, ()),
    ("risk_flag_types.csv", "clients.RiskFlagType", REFERENCE, ()),
    ("pathways.csv", "casework.Pathway", REFERENCE, ()),
    ("intervention_types.csv", "casework.InterventionType", REFERENCE, ()),
    ("outcome_types.csv", "casework.OutcomeType", REFERENCE, ()),
    ("assessment_domains.csv", "casework.AssessmentDomain", REFERENCE, ()),
    ("offences.csv", "clients.Offence", "Offence history of each young person.", ()),
    (
        "justice_events.csv",
        "clients.JusticeEvent",
        "Arrests, charges, convictions or out-of-court disposals, remands and custodial "
        "sentences of each offence, each on its own date.",
        (),
    ),
    ("consents.csv", "clients.Consent", "Consent decisions; the latest per scope holds.", ()),
    ("risk_flags.csv", "clients.RiskFlag", "Risk and safeguarding flags.", ()),
    (
        "session_interventions.csv",
        "casework.SessionIntervention",
        "Interventions delivered in each session (also named in sessions.csv).",
        (),
    ),
    ("group_sessions.csv", "casework.GroupSession", "SOS+ group work.", ("submission_token",)),
    (
        "group_session_facilitators.csv",
        "casework.GroupSession_facilitators",
        "Staff who facilitated each group session.",
        (),
    ),
    ("goals.csv", "casework.Goal", "Action-plan goals of each case.", ()),
    ("goal_reviews.csv", "casework.GoalReview", "Reviews of goals.", ()),
    ("assessments.csv", "casework.Assessment", "Distance-travelled assessments.", ()),
    ("assessment_scores.csv", "casework.AssessmentScore", "Scores of each assessment.", ()),
    ("outcomes.csv", "casework.Outcome", "Outcomes achieved for each case.", ()),
    (
        "import_runs.csv",
        "imports.ImportRun",
        "The audit of imports (the uploaded files are not kept).",
        ("content",),
    ),
    ("exports.csv", "exports.ExportJob", "The audit of full exports like this one.", ()),
    ("export_downloads.csv", "exports.ExportDownload", "Who downloaded each export, when.", ()),
    (
        "monthly_returns.csv",
        "reporting.MonthlyReturn",
        "Signed-off monthly returns: each version's frozen figures and layout, as JSON.",
        (),
    ),
    (
        "contract_targets.csv",
        "reporting.Target",
        "Contract targets per borough, contract year and headline figure, and who set them.",
        (),
    ),
    (
        "justice_data_lab_exports.csv",
        "reporting.JusticeDataLabExport",
        "The audit of Justice Data Lab downloads (the cohort asked for, never its rows).",
        (),
    ),
]
TABLE_OF_MODEL = {apps.get_model(label)._meta.label: name for name, label, *_ in MODEL_TABLES}
TABLE_OF_MODEL.update({"clients.Client": "clients.csv", "clients.Case": "clients.csv"})
TABLE_OF_MODEL["casework.Session"] = "sessions.csv"

# Kept out on purpose, by model: the audit trail of changes (pghistory's event tables, kept in
# the database with its own retention), and sign-in machinery holding secrets.
NOT_EXPORTED = {
    "sos.User_groups": "Django permission groups: unused, roles decide access.",
    "sos.User_user_permissions": "Django permissions: unused, roles decide access.",
    "sos.StaffBorough": "The same rows as sos.User_boroughs (staff_boroughs.csv): a proxy that "
    "carries the audit triggers of borough access.",
    "clients.CurrentCase": "Derived: each young person's latest case, kept by a database trigger "
    "from the cases in clients.csv, which holds every case with its referral date.",
}


def tables() -> list[Table]:
    """Every file of a full export, the import-shaped ones first."""
    return [
        Table(
            "clients.csv",
            "Young people with their cases, one row per case, in the clients import's shape.",
            CLIENT_TABLE_COLUMNS,
            count=lambda: Case.objects.count() + Client.objects.filter(cases__isnull=True).count(),
            rows=_client_rows,
        ),
        Table(
            "sessions.csv",
            "One-to-one sessions, in the sessions import's shape.",
            SESSION_TABLE_COLUMNS,
            count=Session.objects.count,
            rows=_session_rows,
        ),
        *[model_table(label, name, text, leave_out=out) for name, label, text, out in MODEL_TABLES],
    ]


def exported_models() -> set[str]:
    return set(TABLE_OF_MODEL)


def is_audit_event(model: type[models.Model]) -> bool:
    from pghistory.models import Event

    return issubclass(model, Event)
