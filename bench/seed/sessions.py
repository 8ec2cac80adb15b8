"""Weekly-ish one-to-one sessions through a support episode, with interventions and outcomes."""

import uuid
from datetime import time, timedelta

from casework.models import Attendance, Outcome, Session, SessionIntervention


def log_sessions(g, tables, case_id, worker, start, end, contacts) -> None:
    rng = g.rng
    sessions, links, outcomes = tables[Session], tables[SessionIntervention], tables[Outcome]
    day = start
    while day <= end:
        pk = g.ids.take(Session)
        roll = rng.random()
        attendance = (
            Attendance.ATTENDED
            if roll < 0.8
            else Attendance.DID_NOT_ATTEND
            if roll < 0.95
            else Attendance.CANCELLED
        )
        action = rng.random() < 0.1
        due = day + timedelta(days=rng.randint(3, 21)) if action else None
        sessions.write(
            id=pk,
            case_id=case_id,
            date=day,
            start_time=time(rng.randint(9, 18), 0),
            duration_minutes=rng.choice((30, 45, 60, 60, 90, 120)),
            contact_type=rng.choice(contacts),
            attendance=attendance,
            location=rng.choice(g.places),
            notes="Synthetic session note.",
            next_action="Follow up" if action else "",
            next_action_due=due,
            next_action_done=bool(action and due < g.until - timedelta(days=14)),
            logged_by_id=worker,
            created_at=g.stamp(day),
            updated_at=g.stamp(day),
            version=1,
            submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
        )
        if attendance == Attendance.ATTENDED:
            _interventions_and_outcome(g, links, outcomes, pk, case_id, worker, day)
        day += timedelta(days=rng.randint(4, 10))


def _interventions_and_outcome(g, links, outcomes, session_id, case_id, worker, day) -> None:
    """Up to two interventions per attended session; an outcome after about one in 25."""
    rng = g.rng
    for kind in rng.sample(g.interventions, rng.choice((0, 1, 1, 2))):
        links.write(
            id=g.ids.take(SessionIntervention), session_id=session_id, intervention_type_id=kind
        )
    if rng.random() < 0.04:
        outcomes.write(
            id=g.ids.take(Outcome),
            case_id=case_id,
            outcome_type_id=rng.choice(g.outcome_types),
            date=day,
            evidence="Synthetic evidence.",
            recorded_by_id=worker,
            verified_by_id=None if rng.random() < 0.2 else worker,
            verified_at=None,
            created_at=g.stamp(day),
        )
