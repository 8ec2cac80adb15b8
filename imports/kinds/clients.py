"""Import of young people with their cases (support episodes).

A row matches an existing young person by PNC ID, else by first name, last name and date of
birth (as the referral form's duplicate check does), and an existing case by that person and the
referral date; so importing the same file twice creates nothing the second time. Blank cells
never erase what is stored: an update only changes the columns the file fills in.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models.functions import Lower
from django.utils import timezone

from clients.models import Case, Client, ClosureReason, ReferralSource
from imports.kinds.base import Plan, Progress, RowError, form_errors, in_batches
from imports.kinds.client_forms import LoadedChoiceField
from imports.kinds.client_rows import (
    CASE_COLUMNS,
    CLIENT_COLUMNS,
    COLUMNS,
    HEADERS,
    bind_row,
    column_index,
)
from imports.spreadsheets import Table
from sos.access import boroughs_for
from sos.models import Borough, User

BATCH_SIZE = 500
CLIENT_FIELDS = [c.field for c in CLIENT_COLUMNS if c.field != "confirm_unusual_age"]
CASE_FIELDS = [c.field for c in CASE_COLUMNS]
WHOLE_ROW = ""


@dataclass
class Writes:
    new_clients: list[Client] = field(default_factory=list)
    changed_clients: dict[int, Client] = field(default_factory=dict)
    new_cases: list[Case] = field(default_factory=list)
    changed_cases: dict[int, Case] = field(default_factory=dict)


@dataclass
class ValidRow:
    number: int
    client: dict
    case: dict
    given: set[str]


class ClientIndex:
    """Young people by PNC ID and by (first name, last name, date of birth), any case."""

    def __init__(self, clients):
        self.by_pnc: dict[str, Client] = {}
        self.by_name: dict[tuple, Client] = {}
        for client in clients:
            self.add(client)

    @staticmethod
    def name_key(first: str, last: str, born: date) -> tuple:
        return (first.strip().lower(), last.strip().lower(), born)

    def add(self, client: Client) -> None:
        if client.pnc_id:
            self.by_pnc.setdefault(client.pnc_id, client)
        key = self.name_key(client.first_name, client.last_name, client.date_of_birth)
        self.by_name.setdefault(key, client)

    def find(self, values: dict) -> Client | None:
        if values.get("pnc_id") and values["pnc_id"] in self.by_pnc:
            return self.by_pnc[values["pnc_id"]]
        key = self.name_key(values["first_name"], values["last_name"], values["date_of_birth"])
        return self.by_name.get(key)


def load_choices(user) -> dict[str, LoadedChoiceField]:
    """Every lookup a row needs, each loaded in one query: boroughs in the user's scope,
    allocatable staff, active referral sources and closure reasons."""
    in_scope = {b.name.lower(): b for b in boroughs_for(user).filter(is_active=True)}
    every_borough = set(Borough.objects.values_list(Lower("name"), flat=True))
    allocatable = User.objects.casework_staff(boroughs_for(user)).active()
    staff = {u.email.lower(): u for u in allocatable}
    return {
        "borough": LoadedChoiceField(
            options=in_scope, outside=every_borough - set(in_scope), unknown="Unknown borough"
        ),
        "caseworker": LoadedChoiceField(
            options=staff, unknown="No active caseworker or manager in your boroughs has the email"
        ),
        "referral_source": LoadedChoiceField(
            options=_by_name(ReferralSource), unknown="Unknown referral source"
        ),
        "closure_reason": LoadedChoiceField(
            options=_by_name(ClosureReason), unknown="Unknown closure reason"
        ),
    }


def _by_name(model) -> dict:
    return {item.name.lower(): item for item in model.objects.filter(is_active=True)}


def _apply(record, values: dict, fields: list[str], given: set[str]) -> bool:
    """Copy the given (non-blank) values onto `record`; whether anything changed."""
    changed = False
    for name in fields:
        if name not in given:
            continue
        value, model_field = values[name], record._meta.get_field(name)
        if model_field.is_relation:
            # Compare ids: reading the related object would cost a query per row.
            differs = getattr(record, model_field.attname) != (value.pk if value else None)
        else:
            differs = getattr(record, name) != value
        if differs:
            setattr(record, name, value)
            changed = True
    return changed


class ClientsKind:
    name = "clients"
    label = "Young people with their cases"
    columns = COLUMNS

    def plan(self, table: Table, *, user, progress: Progress) -> Plan:
        found, missing = column_index(table.headers)
        plan = Plan(rows=len(table.rows), writes=Writes())
        if missing:
            plan.file_errors.append("Missing columns: " + ", ".join(missing) + ".")
            return plan
        valid = self._validate(table, found, plan, user=user, progress=progress)
        self._match(valid, plan, user=user, progress=progress)
        return plan

    def _validate(self, table, found, plan, *, user, progress) -> list[ValidRow]:
        choices = load_choices(user)
        valid = []
        for number, values in progress(table.rows, "Checking rows"):
            client_form, case_form, given, errors = bind_row(
                number, values, found, user=user, choices=choices
            )
            client_ok, case_ok = client_form.is_valid(), case_form.is_valid()
            errors += form_errors(number, [client_form, case_form], headers=HEADERS, already=errors)
            if errors or not (client_ok and case_ok):
                plan.errors += errors
                continue
            valid.append(ValidRow(number, client_form.cleaned_data, case_form.cleaned_data, given))
        return valid

    def _match(self, valid: list[ValidRow], plan: Plan, *, user, progress) -> None:
        """Decide, row by row, what to create or update; duplicates and rows matching someone
        outside the user's boroughs become errors."""
        index = ClientIndex(Client.objects.all())
        scope = set(boroughs_for(user).values_list("pk", flat=True))
        matched = {index.find(row.client) for row in valid} - {None}
        cases = {
            (case.client_id, case.referral_date): case
            for case in Case.objects.filter(client__in=[c.pk for c in matched])
        }
        seen: dict[tuple, int] = {}
        writes: Writes = plan.writes
        for row in progress(valid, "Matching records"):
            client = index.find(row.client)
            if client is not None and client.pk and client.borough_id not in scope:
                reason = "Matches a young person in a borough you cannot import into."
                plan.errors.append(RowError(row.number, WHOLE_ROW, reason))
                continue
            if client is not None and client.date_of_birth != row.client["date_of_birth"]:
                # Only a PNC ID match can differ in date of birth: two people, one ID.
                reason = "This PNC ID belongs to a young person with another date of birth."
                plan.errors.append(RowError(row.number, "PNC ID", reason))
                continue
            key = (id(client) if client else None, row.case["referral_date"])
            if client is not None and key in seen:
                reason = f"The same young person and referral date as row {seen[key]}."
                plan.errors.append(RowError(row.number, "Referral date", reason))
                continue
            action, client = self._plan_row(row, client, cases, index, writes)
            seen[(id(client), row.case["referral_date"])] = row.number
            setattr(plan, action, getattr(plan, action) + 1)

    def _plan_row(self, row: ValidRow, client, cases, index, writes: Writes):
        """'created', 'updated' or 'unchanged' for one valid row, and its young person;
        records the writes."""
        action = "unchanged"
        if client is None:
            client = Client(**{name: row.client[name] for name in CLIENT_FIELDS})
            index.add(client)
            writes.new_clients.append(client)
            action = "created"
        elif client.pk and _apply(client, row.client, CLIENT_FIELDS, row.given):
            writes.changed_clients[client.pk] = client
            action = "updated"
        case = cases.get((client.pk, row.case["referral_date"])) if client.pk else None
        if case is None:
            values = {name: row.case[name] for name in CASE_FIELDS}
            # A case counts in the borough the person lives in when it opens (case_open).
            case = Case(client=client, borough_id=client.borough_id, **values)
            writes.new_cases.append(case)
            return "created", client
        if _apply(case, row.case, CASE_FIELDS, row.given):
            writes.changed_cases[case.pk] = case
            action = "updated"
        return action, client

    def write(self, plan: Plan, *, progress: Progress) -> None:
        writes: Writes = plan.writes
        now = timezone.now()
        for client in writes.changed_clients.values():
            client.version += 1
            client.updated_at = now  # bulk_update skips auto_now
        for case in writes.changed_cases.values():
            case.version += 1
        _in_batches(Client.objects.bulk_create, writes.new_clients, progress, "New people")
        changed_clients = list(writes.changed_clients.values())
        client_fields = [*CLIENT_FIELDS, "version", "updated_at"]
        _in_batches(
            lambda batch: Client.objects.bulk_update(batch, client_fields),
            changed_clients,
            progress,
            "Updated people",
        )
        _in_batches(Case.objects.bulk_create, writes.new_cases, progress, "New cases")
        _in_batches(
            lambda batch: Case.objects.bulk_update(batch, [*CASE_FIELDS, "version"]),
            list(writes.changed_cases.values()),
            progress,
            "Updated cases",
        )


def _in_batches(write, records: list, progress: Progress, description: str) -> None:
    in_batches(write, records, progress, description, size=BATCH_SIZE)
