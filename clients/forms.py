from django import forms
from django.db.models import Q
from django.utils import timezone

from clients.models import (
    Case,
    Client,
    ClosureReason,
    Consent,
    JusticeEvent,
    Offence,
    OffenceCategory,
    ReferralSource,
    RiskFlag,
    RiskFlagType,
)
from clients.models.client import normalise_identifier
from sos.access import boroughs_for, takes_own_referrals
from sos.concurrency import VersionedFormMixin
from sos.forms import DateInput, FieldsOnlyMixin, not_in_future
from sos.models import User

# The service works with young people of roughly 14-25; outside 10-30 is probably a typo.
YOUNGEST_PLAUSIBLE_AGE = 10
OLDEST_PLAUSIBLE_AGE = 30


def active_reference(model):
    return model.objects.filter(is_active=True)


class IdentityCleaningMixin:
    """The young person's identity as the staff and partner referral forms both clean it: a
    date of birth not in the future, PNC ID and prison number in their one written form."""

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        not_in_future(born, "date of birth")
        return born

    def clean_pnc_id(self):
        return normalise_identifier(self.cleaned_data["pnc_id"])

    def clean_prison_number(self):
        return normalise_identifier(self.cleaned_data["prison_number"])


class ClientForm(IdentityCleaningMixin, FieldsOnlyMixin, forms.ModelForm):
    confirm_unusual_age = forms.BooleanField(
        required=False,
        label="Yes, this date of birth is right",
        help_text="Only needed when the young person is under 10 or over 30.",
    )

    class Meta:
        model = Client
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "confirm_unusual_age",
            "gender",
            "ethnicity",
            "ethnicity_detail",
            "borough",
            "phone",
            "email",
            "address",
            "postcode",
            "pnc_id",
            "prison_number",
            "special_category_notes",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
            "special_category_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Active boroughs only, but keep a client's current borough even if it was retired.
        self.fields["borough"].queryset = boroughs_for(user).filter(
            Q(is_active=True) | Q(pk=self.instance.borough_id)
        )

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("date_of_birth")
        if born and not cleaned.get("confirm_unusual_age"):
            age = Client(date_of_birth=born).age_on(timezone.localdate())
            if not YOUNGEST_PLAUSIBLE_AGE <= age <= OLDEST_PLAUSIBLE_AGE:
                self.add_error(
                    "date_of_birth",
                    f"That makes them {age}, outside the usual 10 to 30. Check the date, or "
                    "tick the box below to confirm it.",
                )
        return cleaned


class ClientEditForm(VersionedFormMixin, ClientForm):
    pass


class CaseDatesMixin:
    """The order a support episode's dates must follow (referral, start, closure)."""

    def clean(self):
        cleaned = super().clean()
        referral = cleaned.get("referral_date", getattr(self.instance, "referral_date", None))
        for field, label in [("index_date", "start of support"), ("closure_date", "closure")]:
            value = cleaned.get(field)
            if value and referral and value < referral:
                self.add_error(
                    field, f"The {label} cannot be before the referral date ({referral:%-d %b %Y})."
                )
        return cleaned


class ReferralForm(FieldsOnlyMixin, CaseDatesMixin, forms.ModelForm):
    """The case half of a new referral (the person is a ClientForm beside it)."""

    class Meta:
        model = Case
        fields = [
            "referral_date",
            "referral_source",
            "referrer",
            "referral_reason",
            "in_custody_at_referral",
            "establishment",
            "expected_release_date",
            "caseworker",
        ]
        widgets = {
            "referral_date": DateInput(),
            "expected_release_date": DateInput(),
            "referral_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral_source"].queryset = active_reference(ReferralSource)
        staff = User.objects.casework_staff(boroughs_for(user)).active()
        self.fields["caseworker"].queryset = staff
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("referral_date", timezone.localdate())
            if takes_own_referrals(user):
                self.initial.setdefault("caseworker", user.pk)

    def clean_referral_date(self):
        value = self.cleaned_data["referral_date"]
        not_in_future(value, "referral date")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("in_custody_at_referral") and not cleaned.get("establishment"):
            self.add_error("establishment", "Say which prison or YOI they are in.")
        return cleaned


class CaseEditForm(VersionedFormMixin, ReferralForm):
    class Meta(ReferralForm.Meta):
        fields = [*ReferralForm.Meta.fields, "index_date"]
        widgets = {**ReferralForm.Meta.widgets, "index_date": DateInput()}

    def clean_index_date(self):
        value = self.cleaned_data["index_date"]
        not_in_future(value, "start of support")
        return value


class CaseCloseForm(FieldsOnlyMixin, CaseDatesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["closure_date", "closure_reason", "closure_notes"]
        widgets = {"closure_date": DateInput(), "closure_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closure_date"].required = True
        self.fields["closure_reason"].required = True
        self.fields["closure_reason"].queryset = active_reference(ClosureReason)
        # The instance gives the form an empty closure date, so setdefault would keep it.
        if not self.is_bound and not self.initial.get("closure_date"):
            self.initial["closure_date"] = timezone.localdate()

    def clean_closure_date(self):
        value = self.cleaned_data["closure_date"]
        not_in_future(value, "closure date")
        return value


class CaseStartForm(FieldsOnlyMixin, CaseDatesMixin, forms.ModelForm):
    """Start support on a referred case: its start date and nothing else (issue 18.12)."""

    class Meta:
        model = Case
        fields = ["index_date"]
        labels = {"index_date": "Date support started"}
        widgets = {"index_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index_date"].required = True
        if not self.is_bound:
            self.initial["index_date"] = timezone.localdate()

    def clean_index_date(self):
        value = self.cleaned_data["index_date"]
        not_in_future(value, "start of support")
        return value


class AllocateForm(FieldsOnlyMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["caseworker"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].required = True
        staff = User.objects.casework_staff([self.instance.borough]).active()
        self.fields["caseworker"].queryset = staff


class OffenceForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Offence
        fields = ["offence_date", "category", "outcome", "outcome_date", "sentence", "notes"]
        widgets = {
            "offence_date": DateInput(),
            "outcome_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_reference(OffenceCategory)

    def clean_offence_date(self):
        value = self.cleaned_data["offence_date"]
        not_in_future(value, "offence date")
        return value

    def clean(self):
        cleaned = super().clean()
        committed, decided = cleaned.get("offence_date"), cleaned.get("outcome_date")
        if committed and decided and decided < committed:
            self.add_error("outcome_date", "The outcome cannot come before the offence.")
        return cleaned


class ConsentForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["scope", "given", "date", "notes"]
        widgets = {
            "date": DateInput(),
            "given": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        value = self.cleaned_data["date"]
        not_in_future(value, "date")
        return value


class RiskFlagForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = RiskFlag
        fields = ["flag_type", "level", "review_date", "notes"]
        widgets = {"review_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flag_type"].queryset = active_reference(RiskFlagType)


class JusticeEventForm(FieldsOnlyMixin, forms.ModelForm):
    """An arrest, charge, conviction or out-of-court disposal, remand or custodial sentence for
    one of the client's offences, on the day it happened (DOMAIN.md figure 9)."""

    class Meta:
        model = JusticeEvent
        fields = ["offence", "kind", "date"]
        labels = {"kind": "What happened", "date": "Date it happened"}
        widgets = {"date": DateInput()}

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offence"].queryset = client.offences.select_related("category")
        self.fields["offence"].empty_label = None

    def clean_date(self):
        value = self.cleaned_data["date"]
        not_in_future(value, "date")
        return value

    def clean(self):
        cleaned = super().clean()
        offence, day = cleaned.get("offence"), cleaned.get("date")
        if offence and day and day < offence.offence_date:
            self.add_error("date", "It cannot happen before the offence was committed.")
        return cleaned
