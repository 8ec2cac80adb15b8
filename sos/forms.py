"""The organisation core's forms, and the pieces every app's forms share: the date widget,
fields-only rendering and the "not in the future" check."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import Q
from django.forms.utils import pretty_name
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from sos.models import BOROUGH_ROLES, Borough, Role, User


class DateInput(forms.DateInput):
    """The browser's own date picker; ISO dates are what it sends and expects back."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Django's blank choice in a select, replaced by words that say what to do.
DJANGO_BLANK_CHOICE = "---------"


QUESTION_WORDS = {"what", "how", "when", "where", "who", "which", "why", "whether"}


def _chooses(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField)


class PlainMessagesMixin:
    """Messages in the user's words (GOV.UK Design System, "Error message"): "Enter the date
    of birth" or "Choose the gender" for a missing answer, "31/02/2008 is not a real date"
    with the value typed, and selects that start with "Choose ..." rather than dashes. Its
    optional fields are marked "(optional)" instead of starring the required ones
    (templates/bootstrap5/field.html)."""

    marks_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # A plain Form's field without a label is labelled from its name when shown.
            label = str(field.label or pretty_name(name)).lower()
            verb = "Choose" if _chooses(field) else "Enter"
            # "Enter what the goal is", but "Enter the first name".
            thing = label if label.split(" ")[0] in QUESTION_WORDS else f"the {label}"
            if field.error_messages["required"] == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = f"{verb} {thing}."
            # A model choice field names its blank in empty_label; reading its choices would
            # run its query (once per imported row).
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_BLANK_CHOICE:
                    field.empty_label = f"Choose {label}"
            elif _chooses(field) and list(field.choices)[:1] == [("", DJANGO_BLANK_CHOICE)]:
                field.choices = [("", f"Choose {label}"), *list(field.choices)[1:]]

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            errors = self.errors.as_data().get(name, [])
            if isinstance(field, forms.DateField) and any(e.code == "invalid" for e in errors):
                typed = self.data.get(self.add_prefix(name), "")
                self._errors[name] = self.error_class([f"{typed} is not a real date."])


class FieldsOnlyMixin(PlainMessagesMixin):
    """Crispy renders the fields only: the template owns the <form> tag and buttons, so
    two forms can share one page (a referral is a person and a case). Its messages are in
    plain words (PlainMessagesMixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def not_in_future(value: date | None, label: str) -> None:
    """Refuse a date after today, naming the field in the message shown beside it."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"The {label} cannot be in the future.")


def range_in_order(form: forms.Form, first: str, last: str) -> None:
    """Put a message beside the field `last` when its date is before the field `first`'s (both
    already cleaned; nothing to say while either is missing or wrong)."""
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and start > end:
        form.add_error(last, "The end of the range must not be before its start.")


class SubmitHelperMixin(PlainMessagesMixin):
    """Gives a form a crispy helper with one submit button, labelled per form, and messages
    in plain words (PlainMessagesMixin)."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The browser's own checks would stop an empty form before the error summary and
        # these messages could be shown (GOV.UK: turn HTML5 validation off).
        self.helper.attrs = {"novalidate": True}
        self.helper.add_input(Submit("submit", self.submit_label))


class BoroughForm(SubmitHelperMixin, forms.ModelForm):
    class Meta:
        model = Borough
        fields = [
            "name",
            "area",
            "is_active",
            "baseline_reoffending_rate",
            "baseline_source",
            "custody_cost_per_year",
        ]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Borough.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("A borough with this name already exists.")
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("baseline_reoffending_rate") is not None and not cleaned.get(
            "baseline_source"
        ):
            self.add_error(
                "baseline_source", "Say where the baseline comes from, so it is labelled."
            )
        return cleaned


class StaffForm(SubmitHelperMixin, forms.ModelForm):
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Caseworkers and managers need at least one; an evaluator exactly one.",
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "boroughs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            # Keep an inactive borough the person still belongs to visible and ticked. A
            # subquery, not `active | instance.boroughs.all()`: OR-ing in the relation joins
            # the membership table and repeats a borough once per member of staff in it.
            self.fields["boroughs"].queryset = Borough.objects.filter(
                Q(is_active=True) | Q(pk__in=self.instance.boroughs.values("pk"))
            )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Someone already uses this email address.")
        return email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        boroughs = cleaned.get("boroughs")
        if role in BOROUGH_ROLES and boroughs is not None:
            if not boroughs:
                self.add_error("boroughs", f"A {Role(role).label.lower()} needs a borough.")
            elif role == Role.EVALUATOR and len(boroughs) > 1:
                self.add_error("boroughs", "A borough evaluator sees one borough only.")
        return cleaned


class TwoFactorCodeForm(PlainMessagesMixin, forms.Form):
    """One code: six digits from the authenticator app, or a backup code.

    `check` takes the code and returns the device that accepted it (or a truthy value), or
    None/False; the accepting device is left on `self.device`.
    """

    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        self.device = self.check(code)
        if not self.device:
            raise forms.ValidationError(
                "That code is not right, or it has been used already. "
                "Wait for the next code from your app and try again."
            )
        return code


class PasswordResetForm(PlainMessagesMixin, auth_forms.PasswordResetForm):
    """Django's request for a password reset link, with its message in plain words."""


class PasswordChangeForm(PlainMessagesMixin, auth_forms.PasswordChangeForm):
    """Django's password change, with its messages in plain words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again."


class PasskeyNameForm(SubmitHelperMixin, forms.ModelForm):
    """A name for a passkey, so its owner can tell which one to remove when a phone is lost."""

    class Meta:
        model = WebAuthnCredential
        fields = ["name"]
        labels = {"name": "Name this passkey"}
        help_texts = {"name": "Say which device it is on, for example “Work phone”."}
        error_messages = {"name": {"required": "Give the passkey a name."}}
