from django import forms
from django.utils import timezone

from casework.forms.case_dates import CaseRecordDateMixin
from casework.models import Goal, GoalReview, GoalStatus, Pathway
from sos.forms import DateInput, FieldsOnlyMixin


class GoalForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["pathway", "description", "target_date"]
        widgets = {"target_date": DateInput()}
        labels = {"description": "What the goal is"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = Pathway.objects.filter(is_active=True)


class GoalReviewForm(FieldsOnlyMixin, CaseRecordDateMixin, forms.ModelForm):
    date_label = "review date"

    class Meta:
        model = GoalReview
        fields = ["date", "status", "note"]
        widgets = {
            "date": DateInput(),
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"date": "Review date"}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, case=goal.case, **kwargs)
        self.fields["status"].choices = GoalStatus.choices  # radios, no blank choice
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("status", goal.status)
