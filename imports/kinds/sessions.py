"""Import of one-to-one sessions for young people already recorded.

Each row names the young person (PNC ID, else first name, last name and date of birth, as the
clients import matches them) and optionally the case by its referral date; without one, the
case open on the session date. A session already recorded (same case, date, start time,
caseworker and duration) is skipped, so importing the same file twice creates nothing the
second time. Sessions are never updated by an import: correct them on the session page.
"""

from dataclasses import dataclass, field

from django import forms

from casework.models import InterventionType, Session, SessionIntervention
from casework.services.sessions import cases_start_from_sessions
from clients.models import Case, Client
from imports.kinds.base import Plan, Progress, RowError, find_columns, form_errors, in_batches
from imports.kinds.client_forms import LoadedChoiceField
from imports.kinds.clients import ClientIndex
from imports.kinds.session_forms import LoadedMultipleChoiceField, SessionImportForm
from imports.kinds.session_rows import COLUMNS, HEADERS, form_data, read_row
from imports.spreadsheets import Table
from sos.access import boroughs_for
from sos.models import User

BATCH_SIZE = 1000
WHOLE_ROW = ""


@dataclass
class Writes:
    sessions: list[Session] = field(default_factory=list)
    interventions: dict[int, list[InterventionType]] = field(default_factory=dict)


@dataclass
class Found:
    """A row whose young person and case were found, before its session is checked."""

    number: int
    row: dict
    case: Case | None
    errors: list[RowError]


def session_key(session: Session) -> tuple:
    """What makes two sessions the same one (DOMAIN.md has no id for a session outside the
    app): the case, date, start time, caseworker and duration."""
    return (
        session.case_id,
        session.date,
        session.start_time,
        session.logged_by_id,
        session.duration_minutes,
    )


def load_choices(user) -> dict:
    """The lookups every row's session needs, one query each: the staff a session may be
    logged by (anyone but evaluators, working in the importer's boroughs, or an admin; those
    who have left too, since old sessions were logged by them) and the intervention types."""
    staff = User.objects.session_loggers(boroughs_for(user))
    interventions = InterventionType.objects.filter(is_active=True)
    return {
        "logged_by": LoadedChoiceField(
            options={u.email.lower(): u for u in staff.distinct()},
            unknown="No member of staff in your boroughs has the email",
            required=True,
        ),
        "interventions": LoadedMultipleChoiceField(
            options={kind.name.lower(): kind for kind in interventions},
            unknown="Unknown intervention",
        ),
    }


def pick_case(cases: list[Case], row: dict) -> tuple[Case | None, str]:
    """The case a row's session belongs to, or the reason there is none. Without a referral
    date: the latest case open on the session date; else the latest referred before it (the
    form then says the date is after its closure); else the first (before its referral)."""
    if row["referral_date"]:
        case = next((c for c in cases if c.referral_date == row["referral_date"]), None)
        reason = f"This young person has no case referred on {row['referral_date']:%-d %b %Y}."
        return case, "" if case else reason
    if not cases:
        return None, "This young person has no case to log sessions against."
    day = row["date"]
    if day is None:
        return cases[-1], ""
    before = [c for c in cases if c.referral_date <= day]
    open_then = [c for c in before if c.closure_date is None or c.closure_date >= day]
    return (open_then or before or cases)[-1], ""


class SessionsKind:
    name = "sessions"
    label = "One-to-one sessions"
    columns = COLUMNS

    def plan(self, table: Table, *, user, progress: Progress) -> Plan:
        found, missing = find_columns(COLUMNS, table.headers)
        plan = Plan(rows=len(table.rows), writes=Writes())
        if missing:
            plan.file_errors.append("Missing columns: " + ", ".join(missing) + ".")
            return plan
        rows = self._find_cases(table, found, user=user, progress=progress)
        existing = set(
            Session.objects.filter(case__in={r.case.pk for r in rows if r.case})
            .order_by()
            .values_list("case_id", "date", "start_time", "logged_by_id", "duration_minutes")
        )
        choices = load_choices(user)
        form = SessionImportForm({}, choices={"interventions": choices["interventions"]})
        seen: dict[tuple, int] = {}
        for found_row in progress(rows, "Checking sessions"):
            session = self._check(found_row, form, choices["logged_by"], plan)
            if session is None:
                continue
            key = session_key(session)
            if key in seen:
                reason = f"The same session as row {seen[key]}."
                plan.errors.append(RowError(found_row.number, WHOLE_ROW, reason))
                continue
            seen[key] = found_row.number
            if key in existing:
                plan.unchanged += 1
            else:
                plan.created += 1
                plan.writes.sessions.append(session)
        return plan

    def _find_cases(self, table, found, *, user, progress) -> list[Found]:
        """Every row read, with its young person's case found: two queries for the file."""
        scope = set(boroughs_for(user).values_list("pk", flat=True))
        index = ClientIndex(
            Client.objects.only("first_name", "last_name", "date_of_birth", "pnc_id", "borough")
        )
        rows, clients = [], {}
        for number, values in progress(table.rows, "Finding young people"):
            row, errors = read_row(number, values, found)
            client, reason = self._find_client(index, row, scope)
            if reason:
                errors.append(RowError(number, WHOLE_ROW, reason))
            rows.append((number, row, client, errors))
            if client is not None:
                clients[client.pk] = []
        cases = Case.objects.filter(client__in=list(clients)).order_by("referral_date", "pk")
        for case in cases:
            clients[case.client_id].append(case)
        result = []
        for number, row, client, errors in rows:
            case = None
            if client is not None:
                case, reason = pick_case(clients[client.pk], row)
                if reason:
                    errors.append(RowError(number, HEADERS["referral_date"], reason))
            result.append(Found(number, row, case, errors))
        return result

    @staticmethod
    def _find_client(index: ClientIndex, row: dict, scope: set[int]):
        """(the young person, "") or (None, why not)."""
        if not row["pnc_id"] and not (
            row["first_name"] and row["last_name"] and row["date_of_birth"]
        ):
            return None, "Give a PNC ID, or first name, last name and date of birth."
        client = index.find(row)
        if client is None:
            return None, "No young person recorded matches this PNC ID or name and birth date."
        if client.borough_id not in scope:
            return None, "Matches a young person in a borough you cannot import into."
        if row["date_of_birth"] and row["date_of_birth"] != client.date_of_birth:
            return None, "This PNC ID belongs to a young person with another date of birth."
        return client, ""

    @staticmethod
    def _check(
        found_row: Found, form: SessionImportForm, staff: LoadedChoiceField, plan: Plan
    ) -> Session | None:
        """The row's session if the session form accepts it; else its errors go on the plan."""
        number, errors = found_row.number, found_row.errors
        valid = form.check(form_data(found_row.row), case=found_row.case)
        errors += form_errors(number, [form], headers=HEADERS, already=errors)
        try:
            logged_by = staff.clean(found_row.row["logged_by"])
        except forms.ValidationError as error:
            errors += [RowError(number, HEADERS["logged_by"], m) for m in error.messages]
        if errors or not valid or found_row.case is None:
            plan.errors += errors
            return None
        session = form.instance
        session.logged_by = logged_by
        plan.writes.interventions[id(session)] = form.cleaned_data["interventions"]
        return session

    def write(self, plan: Plan, *, progress: Progress) -> None:
        writes: Writes = plan.writes
        in_batches(
            Session.objects.bulk_create, writes.sessions, progress, "New sessions", size=BATCH_SIZE
        )
        links = [
            SessionIntervention(session=session, intervention_type=kind)
            for session in writes.sessions
            for kind in writes.interventions[id(session)]
        ]
        in_batches(
            SessionIntervention.objects.bulk_create,
            links,
            progress,
            "Interventions",
            size=BATCH_SIZE,
        )
        # Once per affected case, after every session is in (not once per row).
        cases_start_from_sessions(Case.objects.filter(pk__in={s.case_id for s in writes.sessions}))
