"""How long a piece of work took: quick choices (the same as logging a session) or a free value."""

from django import forms

from casework.models.session import MAX_SESSION_MINUTES

QUICK_DURATIONS = [15, 30, 45, 60, 90, 120]
OTHER = "other"


class QuickDurationMixin(forms.Form):
    """Adds the quick-duration radios and an "other" box to a ModelForm whose model has
    `duration_minutes`; a valid form has set `instance.duration_minutes`."""

    duration_noun = "session"

    duration_choice = forms.ChoiceField(
        label="How long",
        choices=[(str(m), f"{m} min") for m in QUICK_DURATIONS] + [(OTHER, "Other")],
        widget=forms.RadioSelect,
    )
    duration_other = forms.IntegerField(
        label="Other length in minutes", required=False, min_value=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minutes = self.instance.duration_minutes
        if not self.is_bound and minutes:
            if minutes in QUICK_DURATIONS:
                self.initial["duration_choice"] = str(minutes)
            else:
                self.initial.update(duration_choice=OTHER, duration_other=minutes)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("duration_choice")
        minutes = cleaned.get("duration_other") if choice == OTHER else choice
        if choice == OTHER and not minutes:
            self.add_error("duration_other", "Enter how many minutes it took.")
        elif minutes is not None and int(minutes) > MAX_SESSION_MINUTES:
            self.add_error(
                "duration_other", f"A {self.duration_noun} cannot be longer than 12 hours."
            )
        elif minutes is not None:
            self.instance.duration_minutes = int(minutes)
        return cleaned
