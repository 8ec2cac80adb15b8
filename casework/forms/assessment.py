from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone

from casework.forms.case_dates import CaseRecordDateMixin
from casework.models import Assessment, AssessmentDomain, AssessmentStage
from sos.forms import DateInput, FieldsOnlyMixin

SCORE_ERRORS = {
    "required": "Give a score from 1 to 10.",
    "invalid": "Give a whole number from 1 to 10.",
    "min_value": "Scores run from 1 to 10.",
    "max_value": "Scores run from 1 to 10.",
}


class AssessmentForm(FieldsOnlyMixin, CaseRecordDateMixin, forms.ModelForm):
    """An assessment's date and stage, and one required score per domain in `domains`."""

    date_label = "assessment date"

    class Meta:
        model = Assessment
        fields = ["date", "stage"]
        widgets = {"date": DateInput(), "stage": forms.RadioSelect}
        labels = {"date": "Assessment date"}

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = AssessmentStage.choices  # radios, no blank choice
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[self.score_field(domain)] = forms.IntegerField(
                label=domain.name,
                min_value=1,
                max_value=10,
                error_messages=SCORE_ERRORS,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.helper.layout = Layout(
            "date",
            "stage",
            Fieldset(
                "Scores: 1 is the lowest, 10 the highest",
                *(self.score_field(domain) for domain in self.domains),
            ),
        )
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            first = not self.case.assessments.exists()
            self.initial.setdefault(
                "stage", AssessmentStage.INTAKE if first else AssessmentStage.REVIEW
            )

    @staticmethod
    def score_field(domain: AssessmentDomain) -> str:
        return f"score_{domain.pk}"

    def scores(self) -> dict[AssessmentDomain, int]:
        return {domain: self.cleaned_data[self.score_field(domain)] for domain in self.domains}
