from django import forms

from reminders.models import EmailPreferences
from sos.forms import SubmitHelperMixin


class EmailPreferencesForm(SubmitHelperMixin, forms.ModelForm):
    """The reminders a person may turn off: only those their role gets."""

    class Meta:
        model = EmailPreferences
        fields = ["morning_email", "weekly_summary"]

    def __init__(self, *args, morning: bool, weekly: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not morning:
            del self.fields["morning_email"]
        if not weekly:
            del self.fields["weekly_summary"]
