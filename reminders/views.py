from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render

from reminders.forms import EmailPreferencesForm
from reminders.models import EmailPreferences
from sos.access import caseload_holders, team_summary_readers
from sos.passkeys import own_passkeys, second_factor_is_recent


def account(request):
    """The person's own account: who they are, and the reminder emails they get."""
    user = request.user
    preferences = EmailPreferences.objects.filter(user=user).first() or EmailPreferences(user=user)
    form = EmailPreferencesForm(
        # Unticking every box posts no field: still a submitted form.
        request.POST if request.method == "POST" else None,
        instance=preferences,
        morning=caseload_holders().filter(pk=user.pk).exists(),
        weekly=team_summary_readers().filter(pk=user.pk).exists(),
    )
    if form.fields and form.is_valid():
        form.save()
        messages.success(request, "Your email choices are saved.")
        return redirect("reminders:account")
    context = {
        "form": form,
        "passkeys": list(own_passkeys(user)),
        "can_add_passkey": second_factor_is_recent(request),
        "recent_minutes": settings.RECENT_SECOND_FACTOR_MINUTES,
    }
    return render(request, "reminders/account.html", context)
