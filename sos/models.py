"""The organisation core: boroughs, staff and their roles."""

from decimal import Decimal

import pghistory
import pgtrigger
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from sos.event_tables import event_meta


class BoroughQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Borough(models.Model):
    """A local authority area the project works in, with the figures its evaluation needs."""

    name = models.CharField(max_length=100)
    area = models.CharField(
        max_length=60, help_text="The wider area, for example London, Bristol or Dorset."
    )
    is_active = models.BooleanField("active", default=True)
    baseline_reoffending_rate = models.DecimalField(
        "baseline reoffending rate (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="The published rate this borough compares against, as a percentage.",
    )
    baseline_source = models.CharField(
        "source of the baseline",
        max_length=200,
        blank=True,
        help_text="Where the baseline comes from, for example a Ministry of Justice table.",
    )
    custody_cost_per_year = models.DecimalField(
        "custody cost per year (£)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Cost of a year in custody for one young person, used for value for money.",
    )

    objects = BoroughQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="borough_name_unique_ignoring_case",
                violation_error_message="A borough with this name already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Caseworker"
    MANAGER = "manager", "Manager"
    ADMIN = "admin", "Admin"
    EVALUATOR = "evaluator", "Borough evaluator"


# Roles that work with named young people and must therefore belong to a borough.
BOROUGH_ROLES = {Role.CASEWORKER, Role.MANAGER, Role.EVALUATOR}
# Roles that carry a caseload: they are allocated young people, log sessions, run group work.
CASEWORK_ROLES = (Role.CASEWORKER, Role.MANAGER)


class StaffQuerySet(models.QuerySet):
    def active(self):
        """Those still working here (leavers are deactivated, never deleted)."""
        return self.filter(is_active=True)

    def casework_staff(self, boroughs):
        """Caseworkers and managers who work in any of `boroughs`, once each, by name, leavers
        included (their figures still count): chain `.active()` for those who can be chosen."""
        return (
            self.filter(role__in=CASEWORK_ROLES, boroughs__in=boroughs)
            .distinct()
            .order_by("first_name", "last_name")
        )

    def session_loggers(self, boroughs):
        """Who a session in `boroughs` may have been logged by: anyone but evaluators working in
        them, or an admin; leavers too, since old sessions were logged by them."""
        return self.exclude(role=Role.EVALUATOR).filter(
            models.Q(role=Role.ADMIN) | models.Q(boroughs__in=boroughs)
        )


class StaffManager(UserManager.from_queryset(StaffQuerySet)):
    """Staff sign in with their email address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Staff need an email address")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["role"] = Role.ADMIN
        return self._create_user(email, password, **extra_fields)


# Staff changes are audited like client records; the password hash and sign-in times stay out
# of the snapshots (a hash is a secret, and sign-ins are logged by django-axes).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["password", "last_login"],
    meta=event_meta(),
)
class User(AbstractUser):
    """A member of staff. Never deleted: their name stays on every record they wrote."""

    username = None
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    boroughs = models.ManyToManyField(
        Borough,
        blank=True,
        related_name="staff",
        help_text="The boroughs this person works in (for a manager: the boroughs they manage).",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = StaffManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = "member of staff"
        verbose_name_plural = "staff"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message="Someone already uses this email address.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    # The Django admin and PermissionsMixin read these two. Defining them here replaces the
    # inherited fields, so admin rights follow from the role alone: one place to grant them.
    @property
    def is_staff(self) -> bool:
        return self.is_admin

    @property
    def is_superuser(self) -> bool:
        return self.is_admin


# Which boroughs a member of staff works in decides which young people they see, so every
# grant and removal is audited too. Django's auto-created join table takes no triggers through
# migrations; a proxy of it does (pgtrigger's way), and covers ORM and raw SQL writes alike:
# the staff form, user.boroughs.add()/remove()/set()/clear() and bulk deletes.
@pghistory.track(
    pghistory.InsertEvent("borough.add"),
    pghistory.DeleteEvent("borough.remove"),
    obj_field=None,
    model_name="StaffBoroughEvent",
    meta=event_meta(),
)
class StaffBorough(User.boroughs.through):
    class Meta:
        proxy = True


def reference_history():
    """The audit of a reference list (pghistory): who added or retired which entry, and when.
    A fresh decorator per model, each with its own event table and index."""
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), meta=event_meta())


class ReferenceData(models.Model):
    """Base for lists admins extend (referral sources, closure reasons, ...): seeded by data
    migrations, retired rather than deleted so old records keep their meaning."""

    name = models.CharField(max_length=100, unique=True)
    is_active = models.BooleanField("offered on forms", default=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]
        # Retired, never deleted, whatever the code path: the labels of history stay.
        triggers = [pgtrigger.Protect(name="never_deleted", operation=pgtrigger.Delete)]

    def __str__(self) -> str:
        return self.name


class BoroughYearCost(models.Model):
    """What the project spent in a borough in a year, entered by an admin: the cost per client
    on the evaluation page is this divided by the young people supported that year."""

    borough = models.ForeignKey(Borough, on_delete=models.CASCADE, related_name="yearly_costs")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    total_cost = models.DecimalField(
        "total cost (£)", max_digits=11, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["borough__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "year"], name="one_cost_per_borough_year")
        ]

    def __str__(self) -> str:
        return f"{self.borough} {self.year}: £{self.total_cost:,.0f}"


class DisclosureSettings(models.Model):
    """Disclosure control for anything that leaves the casework team (DOMAIN.md): counts from
    1 to threshold - 1 are shown as "<threshold". One row, edited by admins."""

    suppression_threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="Counts below this (except zero) are suppressed; 5 shows 1-4 as <5.",
    )

    class Meta:
        verbose_name_plural = "disclosure settings"

    def __str__(self) -> str:
        return f"Suppress counts below {self.suppression_threshold}"

    @classmethod
    def threshold(cls) -> int:
        settings = cls.objects.first()
        return settings.suppression_threshold if settings else 5
