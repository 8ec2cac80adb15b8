import uuid

from django import forms
from django.db import models
from django.utils import timezone

from casework.forms.duration import QuickDurationMixin
from casework.models import Attendance, InterventionType, Session
from clients.models import Case
from sos.concurrency import VersionedFormMixin
from sos.forms import DateInput, PlainMessagesMixin, not_in_future


def caseload_first(user):
    """Open cases `user` may see, their own caseload first, then by client name."""
    return (
        Case.objects.visible_to(user)
        .open()
        .select_related("client")
        .annotate(
            mine=models.Case(
                models.When(caseworker=user, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        )
        .order_by("mine", "client__last_name", "client__first_name", "pk")
    )


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case):
        return f"{case.client.display_name} (referred {case.referral_date:%-d %b %Y})"


class SessionFormBase(PlainMessagesMixin, QuickDurationMixin, forms.ModelForm):
    """Fields and rules shared by logging a session and correcting one."""

    interventions = forms.ModelMultipleChoiceField(
        queryset=InterventionType.objects.filter(is_active=True).select_related("pathway"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = [
            "date",
            "start_time",
            "contact_type",
            "attendance",
            "location",
            "interventions",
            "notes",
            "next_action",
            "next_action_due",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "next_action_due": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "attendance": forms.RadioSelect,
        }

    MORE_DETAILS = ["start_time", "location", "notes", "next_action", "next_action_due"]

    def more_details_open(self) -> bool:
        """Whether the folded fields hold anything to show: a value or an error."""
        return any(self[name].value() or self[name].errors for name in self.MORE_DETAILS)

    def interventions_by_pathway(self) -> list[tuple[str, list]]:
        """The intervention checkboxes grouped under their pathway, in pathway order."""
        groups: dict[str, list] = {}
        for checkbox in self["interventions"]:
            groups.setdefault(checkbox.data["value"].instance.pathway.name, []).append(checkbox)
        return list(groups.items())

    def case_for_validation(self) -> Case | None:
        return self.instance.case if self.instance.case_id else None

    def duration_needed(self, cleaned: dict) -> bool:
        # A missed or cancelled session has no length; a length tapped before choosing
        # "Did not attend" is dropped rather than stored against work that did not happen.
        return cleaned.get("attendance", Attendance.ATTENDED) == Attendance.ATTENDED

    def clean_date(self):
        day = self.cleaned_data["date"]
        not_in_future(day, "session date")
        return day

    def clean(self):
        cleaned = super().clean()
        case, day = self.case_for_validation(), cleaned.get("date")
        if case and day:
            if day < case.referral_date:
                self.add_error(
                    "date", f"This is before the referral on {case.referral_date:%-d %b %Y}."
                )
            elif case.closure_date and day > case.closure_date:
                self.add_error(
                    "date", f"Support closed on {case.closure_date:%-d %b %Y}; this is after it."
                )
        if cleaned.get("attendance") != Attendance.ATTENDED and cleaned.get("interventions"):
            self.add_error(
                "interventions",
                "Interventions are only delivered in attended sessions: untick them, or mark "
                "the session attended.",
            )
        if cleaned.get("next_action_due") and not cleaned.get("next_action"):
            self.add_error("next_action", "Say what the next action is, or clear its due date.")
        return cleaned


class SessionLogForm(SessionFormBase):
    case = CaseChoiceField(queryset=Case.objects.none(), label="Young person")
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta(SessionFormBase.Meta):
        fields = ["case", *SessionFormBase.Meta.fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = caseload_first(user)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            self.initial["submission_token"] = uuid.uuid4()

    def case_for_validation(self) -> Case | None:
        return self.cleaned_data.get("case")


class SessionEditForm(VersionedFormMixin, SessionFormBase):
    pass
