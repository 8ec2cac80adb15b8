"""Read-only figures for the casework pages: computed by the database, one query per list."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, TruncMonth

from casework.models import Attendance, Outcome, Session, SessionIntervention
from clients.models import Case
from clients.models.case import without_contact_q
from sos.models import User

# The data-quality list of sessions without interventions looks this far back.
DATA_QUALITY_DAYS = 90
# Every data-quality list covers only cases open at some time in the last 12 months (written on
# the team page): not every young person the borough ever had, whose old records nobody will
# correct before a return (and whose reading cost grew with the years: bench/results.md).
DATA_QUALITY_WINDOW_DAYS = 365
# The order each data-quality list is shown in, most urgent first, ending in pk so that its
# full list's keyset pages (sos.keyset) are exact: the newest sessions and outcomes, the young
# people waiting longest for contact.
DATA_QUALITY_ORDER = {
    "no_interventions": ["-date", "-pk"],
    "no_contact": ["waiting_since", "pk"],
    "unverified": ["-date", "-pk"],
}
# The columns of a young person the data-quality lists show (their name), from a row of their
# case: every other column of the joined rows is left unread (.only), as each list's rows are
# built for 10 to 50 rows a page out of hundreds sorted.
SHOWN_CLIENT = [
    "case__client__first_name",
    "case__client__last_name",
    "case__client__preferred_name",
]
# The team page shows hours and caseload per person for this many months, this one included.
TEAM_MONTHS = 6


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of the calendar month containing `day`."""
    first = day.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return first, next_first - timedelta(days=1)


def same_day_sessions(user: User, *, case: Case, day: date, token) -> list[Session]:
    """Sessions `user` may see for `case` on `day`, other than the one this form would save
    (its submission token): a likely duplicate to warn about."""
    return list(
        Session.objects.visible_to(user)
        .filter(case=case, date=day)
        .exclude(submission_token=token)
        .select_related("logged_by")
        .order_by("created_at")
    )


# A young person's name as Client.display_name shows it.
NAME_FIELDS = ("first_name", "last_name", "preferred_name")
CASELOAD_FIELDS = (
    "client_id",
    "referral_date",
    "index_date",
    "closure_date",
    *(f"client__{field}" for field in NAME_FIELDS),
)


def caseload(user: User, *, today: date) -> list[Case]:
    """The open cases allocated to `user`, with their last attended contact and whether it is
    overdue by the no-contact rule (clients.models.case.without_contact_q)."""
    cases = list(
        Case.objects.open()
        .filter(caseworker=user)
        .with_last_contact()
        .annotate(contact_overdue=ExpressionWrapper(
            without_contact_q(today=today), output_field=BooleanField()
        ))
        .select_related("client")
        # Only what the home page and the reminders show or test (name, status, days without
        # contact): a young person's row holds much more (issue 23.4). The home page's pinned
        # query count fails if a template ever reads a field left out.
        .only(*CASELOAD_FIELDS)
        .order_by("client__last_name", "client__first_name", "pk")
    )  # fmt: skip
    for case in cases:
        case.days_without_contact = (today - (case.last_contact or case.referral_date)).days
    return cases


def actions_due(user: User, *, until: date):
    """Next actions `user` set on sessions of their open cases, not yet done, due by `until`."""
    return (
        Session.objects.filter(
            case__caseworker=user,
            case__closure_date__isnull=True,
            next_action_done=False,
            next_action_due__lte=until,
        )
        .exclude(next_action="")
        .select_related("case__client")
        # Only what the home page shows (as in caseload): not the session's notes.
        .only("next_action", "next_action_due", *(f"case__client__{f}" for f in NAME_FIELDS))
        .order_by("next_action_due", "pk")
    )


def hours_by_month(user: User, *, today: date) -> dict[str, float]:
    """Hours of attended one-to-one sessions `user` logged this month and last month."""
    this_first, this_last = month_bounds(today)
    last_first, _ = month_bounds(this_first - timedelta(days=1))
    minutes = Session.objects.filter(
        logged_by=user, attendance=Attendance.ATTENDED, date__range=(last_first, this_last)
    ).aggregate(
        this_month=Coalesce(Sum("duration_minutes", filter=Q(date__gte=this_first)), 0),
        last_month=Coalesce(Sum("duration_minutes", filter=Q(date__lt=this_first)), 0),
    )
    return {key: value / 60 for key, value in minutes.items()}


def recent_months(today: date, count: int) -> list[tuple[date, date]]:
    """The last `count` calendar months to `today`, oldest first, each as (first day, the day
    its caseload is counted on): the month's last day, or `today` for the month in progress."""
    months, first = [], today.replace(day=1)
    for _ in range(count):
        months.append((first, min(month_bounds(first)[1], today)))
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def active_on(day: date) -> Q:
    """A case active on `day` by its dates alone: started, and not closed by then (the rule of
    clients.models.case.status_expression, which the Young people status filter uses)."""
    return Q(index_date__lte=day) & (Q(closure_date__isnull=True) | Q(closure_date__gt=day))


def hours_text(minutes: int) -> str:
    """`minutes` as hours to one decimal place, halves rounded up: what the template's
    floatformat:1 showed for minutes / 60 in en-GB, from the whole minutes (no Decimal, no
    locale lookup for each of the team page's 140 figures)."""
    tenths = (minutes + 3) // 6
    return f"{tenths // 10}.{tenths % 10}"


def team(user: User, borough_ids: list[int], *, today: date) -> list[dict]:
    """Caseworkers and managers of the boroughs `borough_ids` with their active caseload and
    young people supported in the last 12 months over the cases `user` may see there, and, for
    each of the last TEAM_MONTHS months, the active caseload at the month's end and the hours
    of attended sessions they logged (wherever: their hours, as before this page counted them).

    Each member is a plain dict built in one pass, name, role and hours already written as
    shown (hours_text): the team page's two tables are 20 people by 6 months, and looking up
    each cell's attributes and formatting each figure in the template was most of the page's
    Python.

    Three queries whatever the size of the team or its history: the members, their cases'
    counts (one conditional count per month) and their hours grouped by month. The boroughs as
    ids, not a subquery: PostgreSQL then reads the members' cases by the (caseworker,
    closure_date) index instead of every young person the borough ever had (2 ms against 12-35
    ms at 2,000 a borough)."""
    months = recent_months(today, TEAM_MONTHS)
    year_ago = today - timedelta(days=365)
    rows = list(
        User.objects.casework_staff(borough_ids).active().only("first_name", "last_name", "role")
    )
    ids = [member.pk for member in rows]
    cases = Case.objects.visible_to(user).filter(
        client__borough__in=borough_ids, caseworker__in=ids
    )
    # Only cases open at some point since the earlier of the two windows: the (caseworker,
    # closure_date) index then skips every case closed before it.
    since = min(year_ago, months[0][1])
    in_last_year = Q(index_date__lte=today) & (
        Q(closure_date__isnull=True) | Q(closure_date__gte=year_ago)
    )
    counts = {
        found[0]: found[1:]
        for found in cases.filter(Q(closure_date__isnull=True) | Q(closure_date__gte=since))
        .values("caseworker")
        .annotate(
            clients_last_year=Count("client", filter=in_last_year, distinct=True),
            **{
                f"month{i}": Count("pk", filter=active_on(end)) for i, (_, end) in enumerate(months)
            },
        )
        .values_list("caseworker", "clients_last_year", *[f"month{i}" for i in range(len(months))])
    }
    # By the members' ids alone (the (logged_by, date) index): joining each session's young
    # person to filter by borough read every session of the borough's cases (50 ms, not 2).
    minutes = {
        (logged_by, month): total
        for logged_by, month, total in Session.objects.filter(
            logged_by__in=ids,
            attendance=Attendance.ATTENDED,
            date__range=(months[0][0], month_bounds(today)[1]),
        )
        .values_list("logged_by", TruncMonth("date"))
        .annotate(total=Sum("duration_minutes"))
    }
    norm, none = settings.CASELOAD_NORM, (0,) * (len(months) + 1)
    members = []
    for member in rows:
        pk = member.pk
        clients_last_year, *caseloads = counts.get(pk, none)
        spent = [minutes.get((pk, first), 0) for first, _ in months]
        shown = [
            {
                "first": first,
                "hours": spent[i] / 60,
                "hours_text": hours_text(spent[i]),
                "caseload": caseloads[i],
                "above_norm": caseloads[i] > norm,
            }
            for i, (first, _) in enumerate(months)
        ]
        members.append({
            "pk": pk,
            "name": member.get_full_name(),
            "role": member.get_role_display(),
            "clients_last_year": clients_last_year,
            "months": shown,
            "active_caseload": shown[-1]["caseload"],
            "above_norm": shown[-1]["above_norm"],
            "hours_this_month": shown[-1]["hours"],
            "hours_this_month_text": shown[-1]["hours_text"],
        })  # fmt: skip
    return members


def attended_without_interventions(sessions, *, since: date):
    """Attended sessions since `since` that record no intervention (data quality).

    NOT EXISTS, not a left join filtered on NULL: PostgreSQL plans it as an anti-join with a
    fair row estimate, where the join's estimate of one row led it to loop over every member of
    staff per session (64 ms for one borough at 100,000 clients, bench/results.md)."""
    return (
        sessions.attended()
        .filter(date__gte=since)
        .filter(~Exists(SessionIntervention.objects.filter(session=OuterRef("pk"))))
        .select_related("case__client", "logged_by")
        .only(
            "date",
            "contact_type",
            *SHOWN_CLIENT,
            "logged_by__first_name",
            "logged_by__last_name",
            "logged_by__email",
        )
        .order_by(*DATA_QUALITY_ORDER["no_interventions"])
    )


def open_without_contact(cases, *, today: date):
    """Every open case of `cases` without contact by the one rule (NO_CONTACT_FLAG_DAYS,
    clients.models.case.without_contact_q), longest without first: by `waiting_since`, the
    last contact or, when there has been none, the referral (the date the rule counts from).

    The last contact as the newest attended session, read from the (case, -date) index per
    open case, rather than CaseQuerySet.with_last_contact's join of every session of every open
    case (5,000 rows grouped for 200 cases, 20-36 ms against a few at 2,000 young people a
    borough): the same date, so the same rule."""
    newest = Session.objects.attended().filter(case=OuterRef("pk")).order_by("-date")
    return (
        cases.annotate(last_contact=Subquery(newest.values("date")[:1]))
        .annotate(waiting_since=Coalesce("last_contact", "referral_date"))
        .filter(without_contact_q(today=today))
        .select_related("client", "caseworker")
        .only(
            "referral_date",
            *[name.removeprefix("case__") for name in SHOWN_CLIENT],
            "caseworker__first_name",
            "caseworker__last_name",
        )
        .order_by(*DATA_QUALITY_ORDER["no_contact"])
    )


def outcomes_awaiting_verification(outcomes):
    """Outcomes of `outcomes` no manager has verified yet, newest first."""
    return (
        outcomes.awaiting_verification()
        .select_related("case__client", "outcome_type")
        .only("date", "evidence", "outcome_type__name", *SHOWN_CLIENT)
        .order_by(*DATA_QUALITY_ORDER["unverified"])
    )


def data_quality_since(today: date) -> date:
    """The first day of the data-quality window: its lists cover cases open on or after it."""
    return today - timedelta(days=DATA_QUALITY_WINDOW_DAYS)


def open_since(day: date, prefix: str = "") -> Q:
    """Cases open at some time from `day` on: not closed, or closed on or after it. `prefix`
    points from the queried model to the case (for example "case__")."""
    return Q(**{f"{prefix}closure_date__isnull": True}) | Q(**{f"{prefix}closure_date__gte": day})


def data_quality(user: User, boroughs, *, today: date, seen: list[int] | None = None) -> dict:
    """The team page's three data-quality lists for `boroughs`, as `user` may see them, over
    cases open in the window (data_quality_since): attended sessions of the last
    DATA_QUALITY_DAYS with no intervention, active cases without contact, outcomes awaiting
    verification (the manager's page and weekly email alike). By the case's borough, where the
    support is delivered, as the monthly return counts.

    `seen`, when the caller has read them, are the ids of boroughs_for(user): the scope stays
    visible_to(user), and the same boroughs as constants let PostgreSQL start from the window's
    cases of the borough (446 estimated, 483 at 10x) rather than from every young person the
    borough ever had and each of their cases (2,051 lookups): a third of the sessions list's
    reads and two thirds of the outcomes list's (EXPLAIN on the 10x bench)."""
    since = data_quality_since(today)

    def of_cases(prefix: str = "") -> Q:
        """Cases in the window in `boroughs`, of young people of the `seen` boroughs."""
        seen_q = Q() if seen is None else Q(**{f"{prefix}client__borough__in": seen})
        return seen_q & open_since(since, prefix) & Q(**{f"{prefix}borough__in": boroughs})

    cases = Case.objects.visible_to(user).filter(of_cases())
    sessions = Session.objects.visible_to(user).filter(of_cases("case__"))
    outcomes = Outcome.objects.visible_to(user).filter(of_cases("case__"))
    return {
        "no_interventions": attended_without_interventions(
            sessions, since=today - timedelta(days=DATA_QUALITY_DAYS)
        ),
        "no_contact": open_without_contact(cases, today=today),
        "unverified": outcomes_awaiting_verification(outcomes),
    }


def first_rows(rows, count: int) -> tuple[list, int]:
    """The first `count` rows of the ordered queryset `rows` and how many it holds in all, in
    one query: COUNT(*) OVER () is computed over every row before LIMIT keeps `count`."""
    shown = list(rows.annotate(listed=Window(Count("pk")))[:count])
    return shown, shown[0].listed if shown else 0
