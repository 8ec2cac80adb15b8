import uuid
from datetime import date, timedelta

import django_filters
from django import forms
from django.utils import timezone

from casework.forms.duration import QuickDurationMixin
from casework.models import GroupSession
from sos.access import boroughs_for, does_casework
from sos.forms import DateInput, FieldsOnlyMixin, not_in_future
from sos.models import User


class GroupSessionForm(FieldsOnlyMixin, QuickDurationMixin, forms.ModelForm):
    duration_noun = "workshop"

    participants = forms.IntegerField(
        label="Number of participants",
        min_value=1,
        max_value=32767,
        error_messages={
            "required": "Enter how many young people took part.",
            "min_value": "Group work needs at least one participant.",
        },
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = GroupSession
        fields = [
            "borough",
            "setting_type",
            "setting_name",
            "date",
            "duration_choice",
            "duration_other",
            "topic",
            "participants",
            "age_range",
            "facilitators",
        ]
        widgets = {"date": DateInput(), "facilitators": forms.CheckboxSelectMultiple}
        help_texts = {"facilitators": "Staff of the borough who ran it."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        boroughs = boroughs_for(user).filter(is_active=True)
        self.fields["borough"].queryset = boroughs
        # Their boroughs too: clean() checks each facilitator works in the one chosen.
        self.fields["facilitators"].queryset = (
            User.objects.casework_staff(boroughs).active().prefetch_related("boroughs")
        )
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            self.initial["submission_token"] = uuid.uuid4()
            if does_casework(user):
                self.initial.setdefault("facilitators", [user.pk])
            if len(boroughs) == 1:
                self.initial.setdefault("borough", boroughs[0].pk)

    def clean_date(self):
        day = self.cleaned_data["date"]
        not_in_future(day, "date")
        return day

    def clean(self):
        cleaned = super().clean()
        borough, facilitators = cleaned.get("borough"), cleaned.get("facilitators")
        if borough and facilitators:
            elsewhere = [f for f in facilitators if borough not in f.boroughs.all()]
            if elsewhere:
                names = ", ".join(str(person) for person in elsewhere)
                self.add_error("facilitators", f"Not staff of {borough}: {names}.")
        return cleaned


class GroupSessionFilter(django_filters.FilterSet):
    """Borough and month filters of the group work list, over a queryset already narrowed by
    visible_to()."""

    borough = django_filters.ModelChoiceFilter(queryset=None, empty_label="All my boroughs")
    month = django_filters.CharFilter(
        label="Month",
        method="in_month",
        help_text="For example <code>2026-01</code> for January 2026.",
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    class Meta:
        model = GroupSession
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["borough"].queryset = boroughs_for(user)

    def in_month(self, queryset, name, value):
        try:
            first = date.fromisoformat(f"{value}-01")
        except ValueError:
            return queryset
        following = (first + timedelta(days=31)).replace(day=1)
        return queryset.filter(date__gte=first, date__lt=following)
