"""The form an admin sets a contract target with."""

from django import forms

from reporting.headlines import CHOICES
from reporting.months import Month
from sos.access import boroughs_for
from sos.forms import PlainMessagesMixin


class TargetForm(PlainMessagesMixin, forms.Form):
    borough = forms.ModelChoiceField(queryset=None)
    figure = forms.ChoiceField(choices=CHOICES)
    year_start = forms.CharField(
        label="Contract year starts",
        max_length=7,
        help_text="The first month of the contract year: <code>2026-04</code> for April 2026.",
        error_messages={"required": "Enter the first month of the contract year."},
    )
    value = forms.IntegerField(
        label="Target for the year",
        min_value=0,
        max_value=1_000_000,
        help_text="A count, or hours for hours worked.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borough"].queryset = boroughs_for(user).order_by("name")

    def clean_year_start(self) -> Month:
        month = Month.parse(self.cleaned_data["year_start"])
        if month is None:
            raise forms.ValidationError("Enter the first month as year-month, like 2026-04.")
        return month
