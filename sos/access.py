"""Who may see what, and who may do what. Every queryset a view shows is narrowed here, every
role rule is written here once, and each fails closed."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from sos.models import CASEWORK_ROLES, Borough, Role, User

# The largest id PostgreSQL's bigint holds; a longer number would fail in the query itself.
BIGINT_MAX = 2**63 - 1


def boroughs_for(user) -> models.QuerySet[Borough]:
    """The boroughs whose records `user` may see: all for an admin, their own for anyone else,
    none for an anonymous or deactivated user."""
    if not user.is_authenticated or not user.is_active:
        return Borough.objects.none()
    if user.role == Role.ADMIN:
        return Borough.objects.all()
    return user.boroughs.all()


# Every role rule, named by what it allows. Each is False for an anonymous or deactivated user,
# so a rule fails closed wherever it is asked.


def may_see_personal_data(user) -> bool:
    """Whether `user` may see named young people at all (evaluators see aggregates only)."""
    return user.is_authenticated and user.is_active and user.role != Role.EVALUATOR


def may_administer(user) -> bool:
    """Active admins: staff, boroughs, reference data, the Justice Data Lab and subject access
    exports, and everyone's imports."""
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


def may_oversee(user) -> bool:
    """Active managers and admins: the team page, allocating caseworkers, verifying outcomes,
    the monthly return, imports and the sessions workbook."""
    return user.is_authenticated and user.is_active and user.role in (Role.MANAGER, Role.ADMIN)


def may_read_evaluation(user) -> bool:
    """Active managers, admins and borough evaluators: the borough evaluation page."""
    return may_oversee(user) or sees_suppressed_figures(user)


def sees_suppressed_figures(user) -> bool:
    """Active borough evaluators: every count they see is suppressed (disclosure control)."""
    return user.is_authenticated and user.is_active and user.role == Role.EVALUATOR


def does_casework(user) -> bool:
    """Active caseworkers and managers: they carry a caseload (home shows it) and run group work
    (the group work form puts them down as its facilitator)."""
    return user.is_authenticated and user.is_active and user.role in CASEWORK_ROLES


def takes_own_referrals(user) -> bool:
    """Active caseworkers: a young person they refer is allocated to them unless they choose
    someone else (a manager or admin refers on behalf of a team)."""
    return user.is_authenticated and user.is_active and user.role == Role.CASEWORKER


class BoroughScopedQuerySet(models.QuerySet):
    """Base for every model holding client data: `visible_to(user)` is the only way views read it.

    Subclasses set `borough_lookup` to the path from the model to its Borough (for example
    "client__borough"), so child records delegate to their parent's scope.
    """

    borough_lookup = "borough"

    def visible_to(self, user):
        """The rows `user` may see: those in their boroughs; none without personal-data rights."""
        if not may_see_personal_data(user):
            return self.none()
        if user.role == Role.ADMIN:
            return self
        return self.filter(**{f"{self.borough_lookup}__in": boroughs_for(user)})


def _only(rule, view):
    """`view`, for the users `rule` allows; anyone else gets 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rule(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def personal_data_required(view):
    """Keep roles without personal-data rights (evaluators, the deactivated) off pages that
    list or create named young people."""
    return _only(may_see_personal_data, view)


def admin_required(view):
    """Let only active admins through; anyone else gets 403 (these pages hold no client data,
    so there is nothing to hide by answering 404)."""
    return _only(may_administer, view)


def oversight_required(view):
    """Let only active managers and admins through (`may_oversee`); anyone else gets 403."""
    return _only(may_oversee, view)


# The rules templates ask, as `{% if may.oversee %}`: links are shown only to those the view
# behind them lets in.
TEMPLATE_RULES = {
    "see_personal_data": may_see_personal_data,
    "administer": may_administer,
    "oversee": may_oversee,
    "read_evaluation": may_read_evaluation,
}


def rights(request) -> dict:
    """Template context processor: `may`, what the signed-in person may do, worked out only
    when a template first asks (a page that never asks costs nothing)."""
    return {
        "may": SimpleLazyObject(
            lambda: {name: rule(request.user) for name, rule in TEMPLATE_RULES.items()}
        )
    }


def caseload_holders() -> models.QuerySet[User]:
    """Active caseworkers and managers: the staff who hold cases, whose home page shows their
    caseload (and who get the morning reminder)."""
    return User.objects.active().filter(role__in=CASEWORK_ROLES)


def team_summary_readers() -> models.QuerySet[User]:
    """Active managers: the staff who get the weekly summary of their team's data-quality
    lists (admins see every borough's on the team page, but manage no team)."""
    return User.objects.active().filter(role=Role.MANAGER)


def chosen_boroughs(request) -> models.QuerySet[Borough]:
    """The boroughs a report or list page shows: every borough the user may see when no
    `?borough=` is given (or it is left empty, "All my boroughs"), else that one borough.
    An id that is malformed, unknown or outside the user's boroughs is a 404, as any other
    record out of scope is: never an empty page, never silently the user's own."""
    return borough_choice(request.user, chosen_borough_param(request))


def chosen_borough_param(request) -> str:
    """The `?borough=` a page was asked for ("" for all the user's boroughs), to keep in its
    links and picker; the page has already read it through `chosen_boroughs`, which refuses a
    bad one."""
    return request.GET.get("borough", "")


def borough_choice(user, chosen: str | int | None) -> models.QuerySet[Borough]:
    """`chosen_boroughs` for a borough id kept elsewhere (a queued export's parameters)."""
    boroughs = boroughs_for(user)
    if chosen is None or chosen == "":
        return boroughs
    # Digits only, and within PostgreSQL's bigint: anything else names no borough.
    text = str(chosen)
    if not (text.isascii() and text.isdigit()) or int(text) > BIGINT_MAX:
        raise Http404("No such borough.")
    chosen_ones = boroughs.filter(pk=int(text))
    if not chosen_ones.exists():
        raise Http404("No such borough.")
    return chosen_ones
