from django import forms

from sos.forms import FieldsOnlyMixin

MAX_SEARCH_LENGTH = 200


class NotesSearchForm(FieldsOnlyMixin, forms.Form):
    """The words to find in notes. Anything is fine for websearch_to_tsquery, which never
    fails on syntax ("a & | !" is words and signs); a NUL never gets here (sos.middleware)."""

    q = forms.CharField(
        label="Words to find",
        max_length=MAX_SEARCH_LENGTH,
        error_messages={
            "max_length": "Enter at most %(limit_value)d characters (this has %(show_value)d).",
        },
        help_text='Finds other forms of a word too ("arrested" finds "arrest"). Use "quotes" '
        "for a phrase, or, and -word to leave a word out.",
    )

    def clean_q(self):
        words = self.cleaned_data["q"]
        if not any(character.isalnum() for character in words):
            raise forms.ValidationError("Enter a word to find: letters or numbers.")
        return words
