from django import forms

from exports.sessions_workbook import WorkbookRequest
from sos.access import boroughs_for
from sos.forms import DateInput, PlainMessagesMixin, range_in_order
from sos.models import Borough, User


class SessionsWorkbookForm(PlainMessagesMixin, forms.Form):
    """The sessions workbook asked for: a date range, one borough or all the person may see,
    and whether group sessions go on a second sheet."""

    date_from = forms.DateField(
        label="Sessions from",
        widget=DateInput(),
        error_messages={"required": "Enter the first day of sessions to include."},
    )
    date_to = forms.DateField(
        label="Sessions to",
        widget=DateInput(),
        error_messages={"required": "Enter the last day of sessions to include."},
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.none(), required=False, empty_label="All my boroughs"
    )
    group_sessions = forms.BooleanField(
        label="Add group sessions on a second sheet", required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["borough"].queryset = boroughs_for(user).order_by("name")

    def clean(self):
        cleaned = super().clean()
        range_in_order(self, "date_from", "date_to")
        return cleaned

    def workbook_request(self) -> WorkbookRequest:
        data = self.cleaned_data
        borough = data["borough"]
        return WorkbookRequest(
            date_from=data["date_from"],
            date_to=data["date_to"],
            borough_id=borough.pk if borough else None,
            group_sessions=data["group_sessions"],
        )
