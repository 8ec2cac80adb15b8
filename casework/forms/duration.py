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
        required=False,  # asked for in clean(), when duration_needed() says so
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

    def duration_needed(self, cleaned: dict) -> bool:
        """Whether this piece of work has a length to give; a session that did not go ahead
        has none."""
        return True

    def clean(self):
        cleaned = super().clean()
        if not self.duration_needed(cleaned):
            self.instance.duration_minutes = None
            return cleaned
        choice = cleaned.get("duration_choice")
        minutes = cleaned.get("duration_other") if choice == OTHER else choice
        if not choice:
            self.add_error("duration_choice", f"Choose how long the {self.duration_noun} took.")
        elif choice == OTHER and not minutes:
            self.add_error("duration_other", "Enter how many minutes it took.")
        elif minutes is not None and int(minutes) > MAX_SESSION_MINUTES:
            self.add_error(
                "duration_other", f"A {self.duration_noun} cannot be longer than 12 hours."
            )
        elif minutes is not None:
            self.instance.duration_minutes = int(minutes)
        return cleaned
