from django import forms
from django.db.models import Q

from clients.forms import IdentityCleaningMixin
from referrals.models import DeclineReason, Partner, Submission
from sos.forms import DateInput, PlainMessagesMixin, SubmitHelperMixin
from sos.models import Borough


class PartnerForm(SubmitHelperMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "boroughs", "contact_email"]
        widgets = {"boroughs": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.boroughs.all() if self.instance.pk else Borough.objects.none()
        self.fields["boroughs"].queryset = Borough.objects.filter(
            Q(is_active=True) | Q(pk__in=chosen)
        )


class PublicReferralForm(IdentityCleaningMixin, SubmitHelperMixin, forms.ModelForm):
    """What a partner sends: validated like any form, errors beside their fields, and nothing
    in it is ever compared with the young people already known."""

    submit_label = "Send the referral"

    class Meta:
        model = Submission
        fields = [
            "borough",
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "phone",
            "address",
            "postcode",
            "pnc_id",
            "prison_number",
            "in_custody",
            "establishment",
            "expected_release_date",
            "reason",
            "known_risks",
            "consent_basis",
            "referrer_name",
            "referrer_role",
            "referrer_email",
            "referrer_phone",
        ]
        widgets = {
            "date_of_birth": DateInput(attrs={"autocomplete": "off"}),
            "expected_release_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 4}),
            "known_risks": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "consent_basis": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "referrer_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "referrer_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "referrer_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        boroughs = partner.boroughs.filter(is_active=True)
        self.fields["borough"].queryset = boroughs
        self.fields["borough"].label = "Borough they live in"
        self.fields["borough"].empty_label = None


class AskForm(PlainMessagesMixin, forms.Form):
    note = forms.CharField(
        label="What the team needs to know (kept here, not emailed)",
        error_messages={"required": "Enter what the team needs to know."},
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(PlainMessagesMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Reason (the partner is told this)", choices=DeclineReason.choices
    )
    note = forms.CharField(
        label="Note for the team (not emailed)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
