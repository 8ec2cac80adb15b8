"""The sessions workbook: every one-to-one session in a date range (and, if asked, the group
sessions on a second sheet), one row each, for a borough's own evaluation.

For managers (their boroughs) and admins (every borough); caseworkers and evaluators may not ask
for one. A session counts for the borough its support is delivered in (the case's borough), as
in the monthly return, and only sessions of young people the requester may see are included
(`visible_to`), so a manager never gets another borough's young people. Young people appear by
their internal id (the full export's "Client ID"), never by name; session notes, locations and
next actions are left out.

Rows are read in chunks through a server-side cursor (`.iterator`), one query per sheet with
the interventions aggregated in the database, so memory and the number of queries stay the same
however many sessions there are.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import QuerySet, Value
from django.db.models.functions import Concat

from casework.models import Attendance, ContactType, GroupSession, GroupSetting, Session
from exports.tables import ExportColumn
from sos.access import borough_choice, may_oversee
from sos.models import Borough, User

CHUNK_SIZE = 5000
SEPARATOR = "; "


@dataclass(frozen=True)
class WorkbookRequest:
    """What was asked for: sessions from `date_from` to `date_to` inclusive, in one borough (or
    every borough the requester may see when `borough_id` is None), group sessions or not."""

    date_from: date
    date_to: date
    borough_id: int | None
    group_sessions: bool

    def as_parameters(self) -> dict:
        """The request as ExportJob.parameters stores it (JSON)."""
        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "borough_id": self.borough_id,
            "group_sessions": self.group_sessions,
        }

    @classmethod
    def from_parameters(cls, parameters: dict) -> "WorkbookRequest":
        return cls(
            date_from=date.fromisoformat(parameters["date_from"]),
            date_to=date.fromisoformat(parameters["date_to"]),
            borough_id=parameters["borough_id"],
            group_sessions=parameters["group_sessions"],
        )


def workbook_boroughs(request: WorkbookRequest, user: User) -> QuerySet[Borough]:
    """The boroughs the workbook covers for `user`: the chosen one, or every borough they may
    see when none was chosen; none for a user who may not have a workbook at all. Read when the
    workbook is written, so rights lost since the request are honoured: a chosen borough the
    user may no longer see raises Http404 (sos.access.borough_choice) and the job fails."""
    if not may_oversee(user):
        return Borough.objects.none()
    return borough_choice(user, request.borough_id).order_by("name")


def workbook_sessions(request: WorkbookRequest, user: User) -> QuerySet[Session]:
    """One-to-one sessions in the range, delivered in the workbook's boroughs, of young people
    `user` may see."""
    return Session.objects.visible_to(user).filter(
        date__range=(request.date_from, request.date_to),
        case__borough__in=workbook_boroughs(request, user),
    )


def workbook_group_sessions(request: WorkbookRequest, user: User) -> QuerySet[GroupSession]:
    """Group sessions in the range in the workbook's boroughs (none unless asked for)."""
    if not request.group_sessions:
        return GroupSession.objects.none()
    return GroupSession.objects.visible_to(user).filter(
        date__range=(request.date_from, request.date_to),
        borough__in=workbook_boroughs(request, user),
    )


SESSION_COLUMNS = [
    ExportColumn("Session ID", "id", "The session's id in SOS Casework."),
    ExportColumn("Date", "date", "The day of the session."),
    ExportColumn("Start time", "start_time", "Blank when not recorded."),
    ExportColumn("Borough", "case__borough__name", "Where the support is delivered."),
    ExportColumn("Caseworker", "caseworker_name", "Who logged the session."),
    ExportColumn(
        "Client ID", "case__client_id", "The young person's internal id (no name is included)."
    ),
    ExportColumn("Case ID", "case_id", "The support episode's id."),
    ExportColumn("Kind", "contact_type", "Face to face, phone or video, prison visit, ..."),
    ExportColumn("Duration (minutes)", "duration_minutes", "Length of the session."),
    ExportColumn("Attendance", "attendance", "Attended, did not attend or cancelled."),
    ExportColumn("Interventions", "intervention_names", f"Separated by '{SEPARATOR.strip()}'."),
]
GROUP_SESSION_COLUMNS = [
    ExportColumn("Group session ID", "id", "The group session's id in SOS Casework."),
    ExportColumn("Date", "date", "The day of the workshop."),
    ExportColumn("Borough", "borough__name", "Where the workshop was held."),
    ExportColumn("Setting", "setting_type", "School, college, PRU, community centre, custody."),
    ExportColumn("Setting name", "setting_name", "The school, centre or establishment."),
    ExportColumn("Topic", "topic", "What the workshop was about."),
    ExportColumn("Duration (minutes)", "duration_minutes", "Length of the workshop."),
    ExportColumn("Participants", "participants", "How many took part (not named)."),
    ExportColumn("Facilitators", "facilitator_names", f"Separated by '{SEPARATOR.strip()}'."),
]

# Choice columns shown by their labels, as on the app's pages.
LABELS = {
    "contact_type": dict(ContactType.choices),
    "attendance": dict(Attendance.choices),
    "setting_type": dict(GroupSetting.choices),
}


def _staff_name(prefix: str) -> Concat:
    return Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name")


def session_rows(sessions: QuerySet[Session]) -> Iterator[tuple]:
    """One tuple per session, in SESSION_COLUMNS order, oldest first."""
    rows = (
        sessions.annotate(
            caseworker_name=_staff_name("logged_by__"),
            intervention_names=StringAgg(
                "interventions__name", delimiter=SEPARATOR, order_by="interventions__name"
            ),
        )
        .order_by("date", "start_time", "pk")
        .values_list(*[column.source for column in SESSION_COLUMNS])
    )
    return _labelled(rows.iterator(CHUNK_SIZE), SESSION_COLUMNS)


def group_session_rows(group_sessions: QuerySet[GroupSession]) -> Iterator[tuple]:
    """One tuple per group session, in GROUP_SESSION_COLUMNS order, oldest first."""
    rows = (
        group_sessions.annotate(
            facilitator_names=StringAgg(
                _staff_name("facilitators__"),
                delimiter=SEPARATOR,
                order_by="facilitators__first_name",
            )
        )
        .order_by("date", "pk")
        .values_list(*[column.source for column in GROUP_SESSION_COLUMNS])
    )
    return _labelled(rows.iterator(CHUNK_SIZE), GROUP_SESSION_COLUMNS)


def _labelled(rows: Iterator[tuple], columns: list[ExportColumn]) -> Iterator[tuple]:
    labels = [(i, LABELS[c.source]) for i, c in enumerate(columns) if c.source in LABELS]
    for row in rows:
        row = list(row)
        for i, names in labels:
            row[i] = names.get(row[i], row[i])
        yield tuple(row)
