"""The cohort a Justice Data Lab export is asked for."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone

from reporting.months import Month
from sos.access import boroughs_for
from sos.forms import DateInput, PlainMessagesMixin, range_in_order
from sos.models import Borough, User


def last_full_twelve_months(today: date) -> tuple[date, date]:
    """The twelve whole calendar months before the one `today` is in, first day to last."""
    last = Month.of(today).previous()
    first = Month(last.year - 1, last.month).next()
    return first.first, last.last


class CohortForm(PlainMessagesMixin, forms.Form):
    """The cohort asked for: index dates from and to (inclusive) and one borough or all."""

    index_from = forms.DateField(
        label="Index dates from",
        widget=DateInput(),
        error_messages={"required": "Enter the first index date of the cohort."},
    )
    index_to = forms.DateField(
        label="Index dates to",
        widget=DateInput(),
        error_messages={"required": "Enter the last index date of the cohort."},
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.none(), required=False, empty_label="All boroughs"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borough"].queryset = boroughs_for(user).order_by("name")
        # The page opens on a range that can be counted as it is: never two empty dates.
        start, end = last_full_twelve_months(timezone.localdate())
        self.initial.setdefault("index_from", start)
        self.initial.setdefault("index_to", end)

    def clean_index_from(self) -> date:
        return self._not_in_future(self.cleaned_data["index_from"])

    def clean_index_to(self) -> date:
        return self._not_in_future(self.cleaned_data["index_to"])

    def clean(self):
        cleaned = super().clean()
        range_in_order(self, "index_from", "index_to")
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
