from django import forms

from sos.models import User


class AccessSearchForm(forms.Form):
    user = forms.ModelChoiceField(User.objects.all(), required=False, label="Member of staff")
    client = forms.IntegerField(
        required=False, min_value=1, label="Client number", help_text="As in the client's URL."
    )
    since = forms.DateField(required=False, label="From", help_text="For example 31/01/2026.")
    until = forms.DateField(required=False, label="To")
