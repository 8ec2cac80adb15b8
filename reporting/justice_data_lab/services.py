"""The audit of a Justice Data Lab download."""

from django.db import transaction

from reporting.justice_data_lab.forms import Cohort
from reporting.models import JusticeDataLabExport
from sos.models import User


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
