from django import forms

from sos.forms import PlainMessagesMixin


class ErasureRequestForm(PlainMessagesMixin, forms.Form):
    """The young person comes from the page the request starts on; only the reason is asked."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the request was made and how identity was checked. No case details.",
    )
