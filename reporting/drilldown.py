"""The records behind a figure of the return, so a manager can check a number before signing.

Each drill-down lists the same queryset the figure counts (reporting.selectors), narrowed to
what the user may see through visible_to()."""

from collections.abc import Callable
from dataclasses import dataclass

from casework.models import Attendance
from reporting import headlines, referral_routes, selectors
from reporting.months import Month

WORKED = "worked"  # every attended session, with or without the client: the hours headline

# The order each kind of list is shown in, ending in pk so that keyset pages are exact.
ORDER = {
    "case": ["client__last_name", "client__first_name", "pk"],
    "session": ["date", "pk"],
    "outcome": ["date", "pk"],
}


@dataclass(frozen=True)
class Figure:
    title: str
    kind: str  # "case", "session" or "outcome": which columns the list shows
    build: Callable  # (month, detail) -> queryset of the records behind the figure
    line_of: Callable | None = None  # detail -> which line of the figure it lists ("": none)

    def line(self, detail: str) -> str:
        return self.line_of(detail) if self.line_of else ""

    @property
    def order(self) -> list[str]:
        return ORDER[self.kind]

    def records(self, month: Month, detail: str, user, boroughs):
        """The records behind the figure that `user` may see in `boroughs`, in `order`."""
        queryset = self.build(month, detail).visible_to(user)
        if self.kind == "case":
            records = queryset.filter(borough__in=boroughs).select_related(
                "client", "borough", "closure_reason", "caseworker"
            )
        else:
            related = queryset.filter(case__borough__in=boroughs).select_related(
                "case__client", "case__borough"
            )
            extra = "logged_by" if self.kind == "session" else "outcome_type"
            records = related.select_related(extra)
        return records.order_by(*self.order)


def _referrals(month: Month, detail: str):
    """Figure 1, or one line of its breakdown (a partner kind or a staff referral source)."""
    return selectors.referrals_by_route(month, detail) if detail else selectors.referrals(month)


def _closures(month: Month, detail: str):
    cases = selectors.closures(month)
    return cases.filter(closure_reason=detail) if detail.isdigit() else cases


def _sessions(month: Month, detail: str):
    sessions = selectors.sessions(month)
    if detail == selectors.BEHALF:
        return sessions.filter(selectors.CLIENT_ABSENT, attendance=Attendance.ATTENDED)
    if detail == WORKED:
        return sessions.filter(attendance=Attendance.ATTENDED)
    if detail in Attendance.values and detail != Attendance.ATTENDED:
        return sessions.filter(attendance=detail)
    return sessions.filter(attendance=Attendance.ATTENDED).exclude(selectors.CLIENT_ABSENT)


def _outcomes(month: Month, detail: str):
    outcomes = selectors.outcomes(month)
    return outcomes.filter(outcome_type=detail) if detail.isdigit() else outcomes


def _headline(key: str):
    """A headline figure of the summary (reporting.headlines) for the month."""
    headline = headlines.BY_KEY[key]
    return lambda m, d: headline.records().filter(
        **{f"{headline.date_field}__range": (m.first, m.last)}
    )


FIGURES = {
    "referrals": Figure("Referrals received", "case", _referrals, referral_routes.route_label),
    "new_starts": Figure("New starts", "case", lambda m, d: selectors.new_starts(m)),
    "active": Figure("Active caseload", "case", lambda m, d: selectors.active_caseload(m)),
    "closures": Figure("Closures", "case", _closures),
    "sessions": Figure("One-to-one sessions", "session", _sessions),
    "outcomes": Figure("Outcomes achieved", "outcome", _outcomes),
    "ete_outcomes": Figure(
        "Education, training and employment outcomes", "outcome", _headline("ete_outcomes")
    ),
    "accommodation_outcomes": Figure(
        "Accommodation outcomes", "outcome", _headline("accommodation_outcomes")
    ),
}
