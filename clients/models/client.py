"""A young person the project supports."""

import re
from datetime import date

import pghistory
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from sos.access import BoroughScopedQuerySet
from sos.event_tables import event_meta
from sos.models import Borough

# Police National Computer ID: year (2 or 4 digits) / serial of up to 7 digits + check letter,
# e.g. 08/123456X or 2008/123456X.
PNC_ID_PATTERN = r"^(\d{2}|\d{4})/\d{1,7}[A-Z]$"
# HM Prison and Probation Service prison number: a letter, four digits, two letters (A1234BC).
PRISON_NUMBER_PATTERN = r"^[A-Z]\d{4}[A-Z]{2}$"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Another gender"
    NOT_STATED = "not_stated", "Prefer not to say"


class Ethnicity(models.TextChoices):
    """The ONS five high-level ethnic groups (2021 Census, England and Wales)."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_STATED = "not_stated", "Not stated"


def normalise_identifier(value: str) -> str:
    """Upper-case and strip spaces, so '08 / 123456x' and '08/123456X' are the same ID."""
    return re.sub(r"\s+", "", value or "").upper()


class ClientQuerySet(BoroughScopedQuerySet):
    borough_lookup = "borough"

    def search(self, text: str):
        """Clients whose name, preferred name, PNC ID or prison number contains `text`."""
        text = text.strip()
        if not text:
            return self
        identifier = normalise_identifier(text)
        query = Q(pnc_id=identifier) | Q(prison_number=identifier)
        for word in text.split():
            query |= Q(first_name__icontains=word) | Q(last_name__icontains=word)
            query |= Q(preferred_name__icontains=word)
        return self.filter(query)

    def with_current_case(self, *, on: date):
        """Annotate each client with their current case (CurrentCase, kept by the database):
        its dates, last attended contact, caseworker and status on `on`, in the same single
        query. The case and its caseworker are joined once; only the last contact, an
        aggregate of the case's sessions, is looked up per row."""
        from clients.models.case import Case, status_expression  # case.py imports this module

        contact = Case.objects.filter(pk=OuterRef("current__case")).with_last_contact()
        caseworker = "current__case__caseworker__"
        return self.annotate(
            current_case_id=F("current__case"),
            current_referral_date=F("current__case__referral_date"),
            current_index_date=F("current__case__index_date"),
            current_closure_date=F("current__case__closure_date"),
            current_caseworker_id=F("current__case__caseworker"),
            # None when unallocated, so the list shows its dash ("" || " " || "" would not).
            current_caseworker_name=models.Case(
                models.When(
                    current__case__caseworker__isnull=False,
                    then=Concat(f"{caseworker}first_name", Value(" "), f"{caseworker}last_name"),
                )
            ),
            current_last_contact=Subquery(contact.values("last_contact")[:1]),
        ).annotate(current_status=status_expression("current_", on=on))

    def likely_duplicates(self, *, first_name: str, last_name: str, date_of_birth, pnc_id: str):
        """Existing clients who are probably the same person: same name and date of birth,
        or the same PNC ID."""
        same_person = Q(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
        if pnc_id:
            same_person |= Q(pnc_id=normalise_identifier(pnc_id))
        return self.filter(same_person)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), meta=event_meta()
)
class Client(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What they like to be called, if different."
    )
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=20, choices=Gender.choices)
    ethnicity = models.CharField(
        max_length=20, choices=Ethnicity.choices, help_text="ONS five high-level groups."
    )
    ethnicity_detail = models.CharField("ethnicity in their own words", max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        related_name="clients",
        help_text="The borough the young person lives in now; it decides who can see them.",
    )
    pnc_id = models.CharField(
        "PNC ID",
        max_length=13,
        blank=True,
        validators=[RegexValidator(PNC_ID_PATTERN, "Enter a PNC ID like 08/123456X.")],
        help_text="Police National Computer ID, for example 08/123456X.",
    )
    prison_number = models.CharField(
        max_length=7,
        blank=True,
        validators=[RegexValidator(PRISON_NUMBER_PATTERN, "Enter a prison number like A1234BC.")],
        help_text="For example A1234BC.",
    )
    special_category_notes = models.TextField(
        "special category information (sensitive)",
        blank=True,
        help_text=(
            "Only what the support needs: health, sexuality, religion or beliefs. "
            "Seen by everyone who can see this young person."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save from a form opened on an older version is refused.
    version = models.PositiveIntegerField(default=1)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            # The Young people list and search read a borough's people in name order from this
            # index alone (id and the searched columns included), not a heap page per person.
            models.Index(
                fields=["borough", "last_name", "first_name", "id"],
                include=["preferred_name", "pnc_id", "prison_number"],
                name="client_borough_name",
            ),
            models.Index(fields=["pnc_id"], condition=~Q(pnc_id=""), name="client_pnc_id"),
            models.Index(
                fields=["prison_number"], condition=~Q(prison_number=""), name="client_prison_no"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_anonymised(self) -> bool:
        """Whether retention or an erasure replaced who they are (gdpr's Anonymisation row)."""
        return hasattr(self, "anonymisation")

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.first_name:
            return f"{self.first_name} ({self.preferred_name}) {self.last_name}"
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def age_on(self, day: date) -> int:
        """Age in whole years on `day`."""
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
