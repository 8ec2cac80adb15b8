from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sos.models import Borough, BoroughYearCost, DisclosureSettings, User


class StaffCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "boroughs"]


class StaffChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "is_active", "baseline_reoffending_rate"]
    list_filter = ["area", "is_active"]
    search_fields = ["name"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    # Staff are deactivated, never deleted: their name stays on the records they wrote.
    add_form = StaffCreationForm
    form = StaffChangeForm
    ordering = ["first_name", "last_name"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "boroughs"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["boroughs"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Access", {"fields": ["role", "boroughs", "is_active"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "role", "boroughs"]}),
        ("Password", {"fields": ["password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def has_delete_permission(self, request, obj=None):
        return False


@login_not_required
def sign_in_on_the_main_page(request, extra_context=None):
    """Replace the admin's own login form: one sign-in page for everyone, so lockout and
    two-factor guard a single path."""
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME, reverse("admin:index")))


admin.site.login = sign_in_on_the_main_page

# Second factors are managed by their owners and reset from the staff page; the admin's own
# pages for them would show anyone's TOTP secret and QR code to an admin.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(BoroughYearCost)
class BoroughYearCostAdmin(admin.ModelAdmin):
    list_display = ["borough", "year", "total_cost"]
    list_filter = ["borough", "year"]


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(admin.ModelAdmin):
    list_display = ["suppression_threshold"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DisclosureSettings.objects.exists()
