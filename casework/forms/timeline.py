import calendar
from datetime import date

from django import forms

from casework.timeline import KINDS
from sos.forms import DateInput, PlainMessagesMixin

PERIODS = {"3": "Last 3 months", "12": "Last 12 months"}


class TimelineFilterForm(PlainMessagesMixin, forms.Form):
    """What of the timeline to show: some kinds of entry, over a period or between two dates.
    A value that does not fit gets a message beside its field and is left out of the filter,
    so a hand-edited address never fails the page."""

    # Every filter is optional, so saying so beside each would be noise.
    marks_optional = False

    kind = forms.MultipleChoiceField(
        label="Show",
        choices=list(KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    period = forms.ChoiceField(
        label="Period", choices=[("", "All time"), *PERIODS.items()], required=False
    )
    start = forms.DateField(label="From", required=False, widget=DateInput())
    end = forms.DateField(label="To", required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", f"This is before the From date, {start:%d %b %Y}.")
        return cleaned

    def filters(self, today: date) -> dict:
        """The valid filters as keyword arguments of timeline_page: the later of the period's
        start and From, and To."""
        self.is_valid()
        cleaned = self.cleaned_data
        starts = [cleaned.get("start")]
        if months := cleaned.get("period"):
            starts.append(months_before(today, int(months)))
        return {
            "kinds": set(cleaned["kind"]) if cleaned.get("kind") else None,
            "start": max((day for day in starts if day), default=None),
            "end": cleaned.get("end"),
        }

    @property
    def narrowed(self) -> bool:
        """Whether any filter is in use, so the folded filters open on a phone."""
        return any(self.data.get(name) for name in self.fields)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day if it is shorter (31 May less 3
    months is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
