"""The Justice Data Lab export: identifiers of the young people a cohort of support episodes
belongs to, in the shape a Justice Data Lab request needs (DOMAIN.md, "Justice Data Lab").

The cohort is every support episode (Case) whose index date falls in a range, in one borough or
all; a Case counts for the borough its support was delivered in, as in the monthly return.
Episodes referred in the range that have not started have no intervention start to send, so
they belong to the cohort but are left out, as "not started". An episode is sent only when its
client's latest Justice Data Lab consent decision is "given"; the rest are counted as left out,
by reason. This module holds the cohort form, the selectors, the audit of a download and the
CSV and XLSX writers (no hidden sheets, comments, defined names or personal author metadata:
SECURITY.md, "XLSX hygiene"; every text cell through safe_cell: "CSV injection"), both marked
with the watermark naming the download's audit row.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from clients.forms import DateInput
from clients.models import Case, Consent, ConsentScope, Gender
from reporting.models import JusticeDataLabExport
from sos.access import boroughs_for
from sos.models import Borough, User
from sos.spreadsheets import safe_cell
from sos.watermark import Watermark

# The Lab builds a matched comparison group only for at least 60 participants (DOMAIN.md).
LAB_MINIMUM = 60

HEADERS = [
    "Surname",
    "Forename",
    "Date of birth",
    "Gender",
    "PNC ID",
    "Prison number",
    "Intervention start",
    "Intervention end",
    "Borough",
]
ROW_FIELDS = [
    "client__last_name",
    "client__first_name",
    "client__date_of_birth",
    "client__gender",
    "client__pnc_id",
    "client__prison_number",
    "index_date",
    "closure_date",
    "borough__name",
]
# Dates as the Lab's upload template writes them.
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"

NOT_STARTED = Q(index_date__isnull=True)
CONSENT_GIVEN = Q(jdl_consent_given=True)
NO_CONSENT_RECORDED = Q(jdl_consent_given__isnull=True)
CONSENT_WITHDRAWN = Q(jdl_consent_given=False)


class CohortForm(forms.Form):
    """The cohort asked for: index dates from and to (inclusive) and one borough or all."""

    index_from = forms.DateField(label="Index dates from", widget=DateInput())
    index_to = forms.DateField(label="Index dates to", widget=DateInput())
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.none(), required=False, empty_label="All boroughs"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borough"].queryset = boroughs_for(user).order_by("name")

    def clean_index_from(self) -> date:
        return self._not_in_future(self.cleaned_data["index_from"])

    def clean_index_to(self) -> date:
        return self._not_in_future(self.cleaned_data["index_to"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("index_from"), cleaned.get("index_to")
        if start and end and start > end:
            self.add_error("index_to", "The end of the range must not be before its start.")
        return cleaned

    @staticmethod
    def _not_in_future(day: date) -> date:
        if day > timezone.localdate():
            raise forms.ValidationError("Choose a date that is not in the future.")
        return day


@dataclass(frozen=True)
class Cohort:
    """The cohort's filter values, as the form cleaned them."""

    index_from: date
    index_to: date
    borough: Borough | None

    @classmethod
    def from_form(cls, form: CohortForm) -> "Cohort":
        data = form.cleaned_data
        return cls(data["index_from"], data["index_to"], data["borough"])


@dataclass(frozen=True)
class CohortCounts:
    """How many support episodes the cohort has, how many are sent, and why the rest are not."""

    cohort: int
    included: int
    young_people_included: int
    no_consent_recorded: int
    consent_withdrawn: int
    not_started: int

    @property
    def left_out(self) -> list[tuple[str, int]]:
        return [
            ("No Justice Data Lab consent recorded", self.no_consent_recorded),
            ("Consent withdrawn", self.consent_withdrawn),
            ("Not started (no index date)", self.not_started),
        ]

    @property
    def below_lab_minimum(self) -> bool:
        # The minimum is of participants, so a young person with two episodes counts once.
        return self.young_people_included < LAB_MINIMUM


def cohort_cases(cohort: Cohort, user: User) -> QuerySet[Case]:
    """The support episodes of `cohort` that `user` may see (all boroughs for an admin), each
    annotated with jdl_consent_given: its client's latest Justice Data Lab decision, or None
    when none is recorded (the same rule as ConsentQuerySet.current(), as a subquery)."""
    latest_decision = (
        Consent.objects.current()
        .filter(client=OuterRef("client_id"), scope=ConsentScope.JUSTICE_DATA_LAB)
        .values("given")[:1]
    )
    in_range = Q(index_date__range=(cohort.index_from, cohort.index_to))
    referred_not_started = NOT_STARTED & Q(
        referral_date__range=(cohort.index_from, cohort.index_to)
    )
    cases = Case.objects.visible_to(user).filter(in_range | referred_not_started)
    if cohort.borough is not None:
        cases = cases.filter(borough=cohort.borough)
    return cases.annotate(jdl_consent_given=Subquery(latest_decision))


def cohort_counts(cohort: Cohort, user: User) -> CohortCounts:
    """The cohort's size, the episodes sent (and the young people they belong to) and those
    left out by reason, in one query. An episode not started is left out for that reason
    whatever its consent."""
    started = ~NOT_STARTED
    figures = cohort_cases(cohort, user).aggregate(
        cohort=Count("pk"),
        included=Count("pk", filter=started & CONSENT_GIVEN),
        young_people_included=Count("client", distinct=True, filter=started & CONSENT_GIVEN),
        no_consent_recorded=Count("pk", filter=started & NO_CONSENT_RECORDED),
        consent_withdrawn=Count("pk", filter=started & CONSENT_WITHDRAWN),
        not_started=Count("pk", filter=NOT_STARTED),
    )
    return CohortCounts(**figures)


def export_rows(cohort: Cohort, user: User) -> list[tuple]:
    """One row per support episode sent (started, consent given), in HEADERS order, with the
    gender as its label; one query."""
    rows = (
        cohort_cases(cohort, user)
        .filter(~NOT_STARTED & CONSENT_GIVEN)
        .order_by("client__last_name", "client__first_name", "index_date", "pk")
        .values_list(*ROW_FIELDS)
    )
    gender_index = ROW_FIELDS.index("client__gender")
    labelled = []
    for row in rows:
        row = list(row)
        row[gender_index] = Gender(row[gender_index]).label if row[gender_index] else ""
        labelled.append(tuple(row))
    return labelled


@transaction.atomic
def justice_data_lab_export_record(
    *, cohort: Cohort, user: User, file_format: str, row_count: int
) -> JusticeDataLabExport:
    """Audit one download: who, when, the filter values and the row count, never a row."""
    return JusticeDataLabExport.objects.create(
        downloaded_by=user,
        file_format=file_format,
        index_from=cohort.index_from,
        index_to=cohort.index_to,
        borough=cohort.borough,
        row_count=row_count,
    )


def _text(value) -> str:
    """A cell as text: dates the Lab's way, blanks for unknown values, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return safe_cell(str(value))


def export_csv(rows: list[tuple], watermark: Watermark) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(watermark.csv_row())
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    # With a byte order mark, so Excel reads names with accents correctly.
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(rows: list[tuple], watermark: Watermark) -> bytes:
    """The rows on a "Participants" sheet, after the watermark's cover sheet. The properties
    name the system, never the person: the cover says whom the file was prepared for."""
    book = Workbook()
    book.properties.creator = "SOS Casework"
    book.properties.lastModifiedBy = "SOS Casework"
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Dates stay dates; an unknown identifier is an empty cell, not an empty string.
        sheet.append([(_text(value) or None) if isinstance(value, str) else value for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
    for column in "ABCDEFGHI":
        sheet.column_dimensions[column].width = 18
    watermark.add_cover_sheet(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
