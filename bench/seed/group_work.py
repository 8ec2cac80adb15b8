"""Group work: about two workshops a month in every borough."""

import uuid
from datetime import timedelta

from bench.seed.copier import Copier
from casework.models import GroupSession, GroupSetting


def load_group_work(g) -> int:
    rng = g.rng
    sessions = Copier(g.cursor, GroupSession)
    facilitators = Copier(g.cursor, GroupSession.facilitators.through)
    settings = list(GroupSetting)
    for borough in g.boroughs:
        worker = (g.caseworkers[borough] or g.managers)[0]
        day = g.first
        while day <= g.until:
            pk = g.ids.take(GroupSession)
            sessions.write(
                id=pk,
                borough_id=borough,
                setting_type=rng.choice(settings),
                setting_name=f"{rng.choice(g.places)} Academy",
                date=day,
                duration_minutes=rng.choice((60, 90, 120)),
                participants=rng.randint(5, 30),
                topic="Gangs: myths and reality",
                logged_by_id=worker,
                created_at=g.stamp(day),
                submission_token=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
            facilitators.write(
                id=g.ids.take(GroupSession.facilitators.through),
                groupsession_id=pk,
                user_id=worker,
            )
            day += timedelta(days=rng.randint(10, 20))
    sessions.close()
    facilitators.close()
    return sessions.rows
