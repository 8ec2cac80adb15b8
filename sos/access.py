"""Who may see what. Every queryset a view shows is narrowed here, and it fails closed."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models

from sos.models import Borough, Role, User


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


def caseload_holders() -> models.QuerySet[User]:
    """Active caseworkers and managers: the staff who hold cases, whose home page shows their
    caseload (and who get the morning reminder)."""
    return User.objects.filter(is_active=True, role__in=[Role.CASEWORKER, Role.MANAGER])


def team_summary_readers() -> models.QuerySet[User]:
    """Active managers: the staff who get the weekly summary of their team's data-quality
    lists (admins see every borough's on the team page, but manage no team)."""
    return User.objects.filter(is_active=True, role=Role.MANAGER)
