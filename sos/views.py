from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from sos import services
from sos.access import admin_required
from sos.forms import BoroughForm, StaffForm
from sos.history import staff_history
from sos.models import Borough, User


@login_not_required
@never_cache
def health(request):
    """200 when the app can reach its database, 503 when it cannot (for load balancers).

    Any database error counts, InterfaceError included (a connection already closed under us
    is not a DatabaseError in Django's hierarchy); Django drops the broken connection when the
    request ends and connects afresh on the next one."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@admin_required
def staff_list(request):
    show_inactive = request.GET.get("show") == "inactive"
    staff = User.objects.filter(is_active=not show_inactive).prefetch_related("boroughs")
    return render(request, "sos/staff_list.html", {"staff": staff, "show_inactive": show_inactive})


@admin_required
def staff_add(request):
    form = StaffForm(request.POST or None)
    if form.is_valid():
        user = services.staff_create(
            form=form, invited_by=request.user, base_url=request.build_absolute_uri("/")[:-1]
        )
        messages.success(request, f"{user} was added and emailed a link to set a password.")
        return redirect("staff_list")
    return render(request, "sos/staff_form.html", {"form": form, "title": "Add a member of staff"})


@admin_required
def staff_edit(request, pk):
    member = get_object_or_404(User, pk=pk)
    form = StaffForm(request.POST or None, instance=member)
    if form.is_valid():
        form.save()
        messages.success(request, f"{member} was saved.")
        return redirect("staff_list")
    return render(
        request,
        "sos/staff_form.html",
        {
            "form": form,
            "member": member,
            "title": f"Edit {member}",
            "has_two_factor": user_has_device(member, confirmed=None),
            "history": staff_history(member),
        },
    )


@admin_required
def staff_deactivate_confirm(request, pk):
    """What deactivating `pk` does and does not do, before the button that does it."""
    member = get_object_or_404(User, pk=pk, is_active=True)
    # The cases stay theirs (reverse relation: sos imports no app), so say how many to reallocate.
    open_cases = member.cases.filter(closure_date__isnull=True).count()
    return render(
        request,
        "sos/staff_deactivate_confirm.html",
        {"member": member, "open_cases": open_cases, "is_self": member == request.user},
    )


@admin_required
@require_POST
def staff_set_active(request, pk, active):
    member = get_object_or_404(User, pk=pk)
    if member == request.user:
        messages.error(request, "You cannot deactivate your own account.")
        return redirect("staff_edit", pk=pk)
    services.staff_set_active(user=member, active=active)
    verb = "reactivated" if active else "deactivated"
    messages.success(request, f"{member} was {verb}.")
    return redirect("staff_list")


@admin_required
def borough_list(request):
    boroughs = Borough.objects.all()
    return render(request, "sos/borough_list.html", {"boroughs": boroughs})


@admin_required
def borough_add(request):
    form = BoroughForm(request.POST or None)
    if form.is_valid():
        borough = form.save()
        messages.success(request, f"{borough} was added.")
        return redirect("borough_list")
    return render(request, "sos/borough_form.html", {"form": form, "title": "Add a borough"})


@admin_required
def borough_edit(request, pk):
    borough = get_object_or_404(Borough, pk=pk)
    form = BoroughForm(request.POST or None, instance=borough)
    if form.is_valid():
        form.save()
        messages.success(request, f"{borough} was saved.")
        return redirect("borough_list")
    return render(request, "sos/borough_form.html", {"form": form, "title": f"Edit {borough}"})
