"""The counts a reminder carries, from the selectors of the pages it links to, so the email and
the page always agree."""

from dataclasses import dataclass
from datetime import date

from casework import selectors
from sos.access import boroughs_for
from sos.models import User


@dataclass(frozen=True)
class MorningCounts:
    actions_due: int
    without_contact: int

    def __bool__(self) -> bool:
        return bool(self.actions_due or self.without_contact)


@dataclass(frozen=True)
class TeamCounts:
    no_interventions: int
    no_contact: int
    unverified: int

    def __bool__(self) -> bool:
        return bool(self.no_interventions or self.no_contact or self.unverified)


def morning_counts(user: User, *, today: date) -> MorningCounts:
    """`user`'s actions due today or overdue, and the young people on their home page flagged
    for no contact in NO_CONTACT_FLAG_DAYS (home's own rule and setting)."""
    overdue = {
        case.client_id for case in selectors.caseload(user, today=today) if case.contact_overdue
    }
    return MorningCounts(
        actions_due=selectors.actions_due(user, until=today).count(),
        without_contact=len(overdue),
    )


def team_counts(user: User, *, today: date) -> TeamCounts:
    """How many records are on each data-quality list of the team page, for every borough
    `user` manages."""
    lists = selectors.data_quality(user, boroughs_for(user), today=today)
    return TeamCounts(**{name: rows.count() for name, rows in lists.items()})
