from django import forms
from django.forms import modelform_factory

from casework.models import Pathway
from sos.forms import FieldsOnlyMixin


class ReferenceEntryForm(FieldsOnlyMixin, forms.ModelForm):
    """A new entry of a reference list: a name the list does not hold yet, however spelt."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "pathway" in self.fields:
            self.fields["pathway"].queryset = Pathway.objects.filter(is_active=True)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        model = self._meta.model
        if model.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                f"\u201c{name}\u201d is already on this list. If it was retired, offer it again "
                "from the list instead."
            )
        return name


def reference_entry_form(reference) -> type[ReferenceEntryForm]:
    """The form adding an entry to `reference` (a casework.reference_lists.ReferenceList)."""
    return modelform_factory(reference.model, form=ReferenceEntryForm, fields=reference.fields)
