"""The web forms for a person and a referral, bound once per imported row. The rules are the
forms' own (clients.forms); only how choices are looked up changes: from lists loaded once per
file instead of one query per row and field."""

from django import forms

from clients.forms import CaseCloseForm, CaseEditForm, ClientForm, ReferralForm


class LoadedChoiceField(forms.Field):
    """A choice among objects loaded once for the whole file, matched by a lower-cased key
    (a name or an email address)."""

    def __init__(self, *, options: dict, unknown: str, outside: set[str] = frozenset(), **kw):
        super().__init__(**kw)
        self.options, self.unknown, self.outside = options, unknown, outside

    def to_python(self, value):
        key = str(value or "").strip().lower()
        if not key:
            return None
        if key in self.options:
            return self.options[key]
        if key in self.outside:
            raise forms.ValidationError(f"{value} is not one you can import into.")
        raise forms.ValidationError(f"{self.unknown}: {value}.")


class LoadedChoicesMixin:
    """Swaps the named foreign-key fields for LoadedChoiceFields.

    The model's own checks of those keys, and of the Case date constraints, would each cost a
    query per row; the choices here exist by construction, the date rules are the forms'
    (CaseDatesMixin), and the database constraints still hold on insert."""

    unchecked_in_model: tuple[str, ...] = ()

    def __init__(self, *args, choices: dict[str, LoadedChoiceField], **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in choices.items():
            field.required = self.fields[name].required
            field.label = self.fields[name].label
            self.fields[name] = field

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        return exclusions | set(self.unchecked_in_model)


class ClientImportForm(LoadedChoicesMixin, ClientForm):
    unchecked_in_model = ("borough",)


class CaseImportForm(LoadedChoicesMixin, ReferralForm):
    """A referral with the dates an older case also has: start of support and closure."""

    unchecked_in_model = (
        "referral_source",
        "caseworker",
        "closure_reason",
        "index_date",
        "closure_date",
    )

    class Meta(ReferralForm.Meta):
        fields = [
            *ReferralForm.Meta.fields,
            "index_date",
            "closure_date",
            "closure_reason",
            "closure_notes",
        ]

    clean_index_date = CaseEditForm.clean_index_date
    clean_closure_date = CaseCloseForm.clean_closure_date

    def clean(self):
        cleaned = super().clean()
        # The rule of the case_closure_has_reason constraint, which the close form requires.
        if cleaned.get("closure_date") and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", "Say why support ended.")
        return cleaned
