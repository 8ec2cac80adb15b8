import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from clients.models import CaseStatus, Client, RiskFlag, RiskFlagType
from clients.models.case import without_contact_q
from sos.access import boroughs_for
from sos.models import User

SORT_CHOICES = [
    ("name", "Name"),
    ("-referral", "Newest referral first"),
    ("referral", "Oldest referral first"),
    ("age", "Youngest first"),
]
SORT_ORDER = {
    "name": ["last_name", "first_name", "pk"],
    "-referral": ["-current_referral_date", "last_name", "pk"],
    "referral": ["current_referral_date", "last_name", "pk"],
    "age": ["-date_of_birth", "pk"],
}


class ClientFilter(django_filters.FilterSet):
    """Search and filters of the client list. Expects a queryset already narrowed by
    visible_to() and annotated by with_current_case()."""

    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Name, PNC ID or prison number."
    )
    borough = django_filters.ModelChoiceFilter(queryset=None)
    # Labels given: django-filter cannot name a filter on an annotation ("[invalid name]").
    status = django_filters.ChoiceFilter(
        choices=CaseStatus.choices,
        field_name="current_status",
        empty_label="Any status",
        label="Status",
    )
    caseworker = django_filters.ModelChoiceFilter(
        queryset=None,
        field_name="current__case__caseworker",  # the current case (CurrentCase)
        empty_label="Any caseworker",
        label="Caseworker",
    )
    risk = django_filters.ModelChoiceFilter(
        queryset=RiskFlagType.objects.all(),
        label="Risk flag",
        method="with_risk_flag",
        empty_label="Any",
    )
    contact = django_filters.ChoiceFilter(
        choices=[("overdue", "No contact")],  # the label gains the days in __init__
        method="without_contact",
        label="Last contact",
        empty_label="Any",
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", empty_label=None, label="Sort by"
    )

    class Meta:
        model = Client
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        boroughs = boroughs_for(user)
        staff = User.objects.casework_staff(boroughs)
        self.filters["borough"].queryset = boroughs
        self.filters["caseworker"].queryset = staff
        fields = self.form.fields
        # The model choices as (value, label) pairs read from the columns shown, not as model
        # instances built and rendered through Django's widget templates: that was most of the
        # list's time (issue 23.2, bench/results.md). A chosen value is still checked against
        # the queryset, so only what the user may see can be chosen.
        _set_choices(fields["borough"], boroughs.values_list("pk", "name"))
        _set_choices(
            fields["caseworker"],
            (
                (pk, f"{first} {last}".strip() or email)  # as User.__str__
                for pk, first, last, email in staff.values_list(
                    "pk", "first_name", "last_name", "email"
                )
            ),
        )
        _set_choices(fields["risk"], RiskFlagType.objects.values_list("pk", "name"))
        # django-filter puts its empty "Any" first itself (it showed twice when given here too).
        fields["contact"].choices = [
            ("overdue", f"No contact in {settings.NO_CONTACT_FLAG_DAYS} days or more")
        ]
        self.today = timezone.localdate()

    def narrowed(self) -> bool:
        """Whether any filter besides the search is in use: the folded filters then show."""
        data = self.form.data
        return any(data.get(name) for name in self.filters if name not in ("q", "sort"))

    def selects(self):
        """Each filter but the search as (bound field, [(value, label, chosen)]), the chosen
        option found here once rather than by comparing every option in the template."""
        form = self.form
        for name in form.fields:
            if name == "q":
                continue
            field = form[name]
            chosen = "" if field.value() is None else str(field.value())
            options = [(value, label, str(value) == chosen) for value, label in field.field.choices]
            yield field, options

    def search(self, queryset, name, value):
        return queryset.search(value)

    def with_risk_flag(self, queryset, name, value):
        flags = RiskFlag.objects.active().filter(client=OuterRef("pk"), flag_type=value)
        return queryset.filter(Exists(flags))

    def without_contact(self, queryset, name, value):
        # The one no-contact rule, applied to each young person's latest case.
        return queryset.filter(without_contact_q("current_", today=self.today))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER["name"]))


def _set_choices(field, pairs) -> None:
    """Give a model choice field a list of choices, its empty label first as Django offers it.
    Django's own setter (ChoiceField's) is used directly: django-filter's wraps the list in a
    queryset iterator again."""
    forms.ChoiceField.choices.fset(field, [("", field.empty_label), *pairs])
