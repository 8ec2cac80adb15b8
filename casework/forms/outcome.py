from django import forms
from django.utils import timezone

from casework.forms.case_dates import CaseRecordDateMixin
from casework.models import Outcome, OutcomeType
from sos.forms import DateInput, FieldsOnlyMixin


class OutcomeForm(FieldsOnlyMixin, CaseRecordDateMixin, forms.ModelForm):
    date_label = "date achieved"

    class Meta:
        model = Outcome
        fields = ["outcome_type", "date", "evidence"]
        widgets = {"date": DateInput(), "evidence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_type"].queryset = OutcomeType.objects.filter(is_active=True)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
