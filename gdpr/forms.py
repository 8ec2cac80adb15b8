from django import forms

from clients.models import Client


class ErasureRequestForm(forms.Form):
    client = forms.ModelChoiceField(
        Client.objects.filter(anonymisation__isnull=True),
        widget=forms.NumberInput,
        label="Client number",
        help_text="As in the client's URL.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the request was made and how identity was checked. No case details.",
    )
