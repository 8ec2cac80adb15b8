from django import forms

from clients.models import Case
from sos.forms import not_in_future


class CaseRecordDateMixin:
    """For a record about a case with a `date` field (a goal review, an assessment, an
    outcome): the date is neither in the future nor before the case's referral."""

    date_label = "date"

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_date(self):
        day = self.cleaned_data["date"]
        not_in_future(day, self.date_label)
        if day < self.case.referral_date:
            raise forms.ValidationError(
                f"This is before the referral on {self.case.referral_date:%-d %b %Y}."
            )
        return day
