"""Who may see what. Every queryset a view shows is narrowed here, and it fails closed."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from sos.models import Borough, Role

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


def may_see_personal_data(user) -> bool:
    """Whether `user` may see named young people at all (evaluators see aggregates only)."""
    return user.is_authenticated and user.is_active and user.role != Role.EVALUATOR


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


def personal_data_required(view):
    """Keep roles without personal-data rights (evaluators, the deactivated) off pages that
    list or create named young people."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_see_personal_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def admin_required(view):
    """Let only active admins through; anyone else gets 403 (these pages hold no client data,
    so there is nothing to hide by answering 404)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def chosen_boroughs(request) -> models.QuerySet[Borough]:
    """The boroughs a report or list page shows: every borough the user may see when no
    `?borough=` is given (or it is left empty, "All my boroughs"), else that one borough.
    An id that is malformed, unknown or outside the user's boroughs is a 404, as any other
    record out of scope is: never an empty page, never silently the user's own."""
    return borough_choice(request.user, request.GET.get("borough", ""))


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
