"""The borough of a session's or an outcome's young person, copied onto the row so the notes
search can read one borough's rows newest first from an index (casework.notes_search).

The copy is an access path, never the scope rule: every read still goes through
`visible_to(user)` (case -> client -> borough), so a wrong copy could hide a row but never show
one out of scope. The database keeps it right by itself, whoever writes (the ORM, raw SQL, an
import): a row takes its young person's borough whenever it is written, and moving a case to
another young person or a young person to another borough rewrites the rows under them.
"""

import pgtrigger

from clients.models import Case, Client

# The tables holding a copy, each reached from its case (`case_id`).
COPIES = ("casework_session", "casework_outcome")
# The name of the trigger on each that sets the copy.
TRIGGER = "takes_its_borough"


def takes_its_borough() -> pgtrigger.Trigger:
    """For a copying model's Meta.triggers: an inserted or updated row takes the borough of its
    case's young person (on every update, so a save of a stale instance cannot blank it)."""
    return pgtrigger.Trigger(
        name=TRIGGER,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update,
        func="""
            NEW.borough_id := (
                SELECT client.borough_id
                FROM clients_case AS support
                JOIN clients_client AS client ON client.id = support.client_id
                WHERE support.id = NEW.case_id
            );
            RETURN NEW;
        """,
    )


def _rewrite(cases: str) -> str:
    """Touch the copying rows of `cases` (SQL selecting case ids) so each takes its borough
    again; the copy is the only column that changes, so the history records no event."""
    return "".join(
        # Constant SQL: table names from COPIES, cases from the triggers below.
        f"UPDATE {table} SET case_id = case_id WHERE case_id IN ({cases});"  # noqa: S608
        for table in COPIES
    )


# A case moved to another young person.
pgtrigger.register(
    pgtrigger.Trigger(
        name="moves_borough_copies",
        when=pgtrigger.After,
        operation=pgtrigger.UpdateOf("client_id"),
        condition=pgtrigger.AnyChange("client"),
        func=_rewrite("SELECT NEW.id") + "RETURN NULL;",
    )
)(Case)

# A young person moved to another borough.
pgtrigger.register(
    pgtrigger.Trigger(
        name="moves_borough_copies",
        when=pgtrigger.After,
        operation=pgtrigger.UpdateOf("borough_id"),
        condition=pgtrigger.AnyChange("borough"),
        func=_rewrite("SELECT id FROM clients_case WHERE client_id = NEW.id")  # noqa: S608
        + "RETURN NULL;",
    )
)(Client)
