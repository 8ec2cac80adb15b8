"""The records behind a figure of the return, so a manager can check a number before signing.

Each drill-down lists the same queryset the figure counts (reporting.selectors), narrowed to
what the user may see through visible_to()."""

from collections.abc import Callable
from dataclasses import dataclass

from casework.models import Attendance
from reporting import selectors
from reporting.months import Month


@dataclass(frozen=True)
class Figure:
    title: str
    kind: str  # "case", "session" or "outcome": which columns the list shows
    build: Callable  # (month, detail) -> queryset of the records behind the figure

    def records(self, month: Month, detail: str, user, boroughs):
        queryset = self.build(month, detail).visible_to(user)
        if self.kind == "case":
            return (
                queryset.filter(borough__in=boroughs)
                .select_related("client", "borough", "closure_reason", "caseworker")
                .order_by("client__last_name", "client__first_name", "pk")
            )
        related = queryset.filter(case__borough__in=boroughs).select_related(
            "case__client", "case__borough"
        )
        if self.kind == "session":
            return related.select_related("logged_by").order_by("date", "pk")
        return related.select_related("outcome_type").order_by("date", "pk")


def _closures(month: Month, detail: str):
    cases = selectors.closures(month)
    return cases.filter(closure_reason=detail) if detail.isdigit() else cases


def _sessions(month: Month, detail: str):
    attendance = detail if detail in Attendance.values else Attendance.ATTENDED
    return selectors.sessions(month).filter(attendance=attendance)


def _outcomes(month: Month, detail: str):
    outcomes = selectors.outcomes(month)
    return outcomes.filter(outcome_type=detail) if detail.isdigit() else outcomes


FIGURES = {
    "referrals": Figure("Referrals received", "case", lambda m, d: selectors.referrals(m)),
    "new_starts": Figure("New starts", "case", lambda m, d: selectors.new_starts(m)),
    "active": Figure("Active caseload", "case", lambda m, d: selectors.active_caseload(m)),
    "closures": Figure("Closures", "case", _closures),
    "sessions": Figure("One-to-one sessions", "session", _sessions),
    "outcomes": Figure("Outcomes achieved", "outcome", _outcomes),
}
