"""The partner pages (admins), the public referral form behind a partner's link, and the
triage queue of the borough's managers."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clients.forms import ClientForm, ReferralForm
from clients.models import Client
from referrals import services
from referrals.forms import AskForm, DeclineForm, PartnerForm, PublicReferralForm
from referrals.models import AttemptOutcome, Partner, Submission
from referrals.selectors import decision_times
from referrals.triage import accept_initial
from sos.access import admin_required, oversight_required
from sos.lockout import client_ip

# The field bots fill in and people never see (README, Referrals from partners).
HONEYPOT = "website"
# The queue shows how long decisions took over this period.
DECISION_TIMES_OVER = timedelta(days=90)


@admin_required
def partner_list(request):
    partners = Partner.objects.prefetch_related("boroughs")
    return render(request, "referrals/partner_list.html", {"partners": partners})


@admin_required
def partner_add(request):
    form = PartnerForm(request.POST or None)
    if form.is_valid():
        partner, token = services.partner_create(form=form)
        return _show_link(request, partner, token)
    return render(request, "referrals/partner_form.html", {"form": form, "title": "Add a partner"})


@admin_required
def partner_edit(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if form.is_valid():
        form.save()
        messages.success(request, f"{partner} was saved.")
        return redirect("referrals:partner_list")
    context = {"form": form, "title": f"Edit {partner}", "partner": partner}
    return render(request, "referrals/partner_form.html", context)


@admin_required
@require_POST
def partner_rotate(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    return _show_link(request, partner, services.partner_rotate(partner=partner))


@admin_required
@require_POST
def partner_revoke(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    services.partner_revoke(partner=partner)
    messages.success(request, f"{partner}'s link no longer works.")
    return redirect("referrals:partner_list")


def _show_link(request, partner, token):
    """The new link, shown this once: only its hash is kept."""
    link = request.build_absolute_uri(redirect("referrals:refer", token=token).url)
    return render(request, "referrals/partner_link.html", {"partner": partner, "link": link})


@login_not_required
def refer(request, token):
    partner = Partner.objects.by_token(token)
    if partner is None:
        raise Http404("No such link.")
    form = PublicReferralForm(request.POST or None, partner=partner)
    throttled = False
    if request.method == "POST":
        outcome = services.submission_receive(
            partner=partner,
            form=form,
            address=client_ip(request) or "",
            honeypot_filled=bool(request.POST.get(HONEYPOT)),
        )
        # A referral received and one dropped as a bot's get the same answer, which says
        # nothing about whether the young person is known.
        if outcome in (AttemptOutcome.RECEIVED, AttemptOutcome.HONEYPOT):
            return redirect("referrals:sent", token=token)
        throttled = outcome == AttemptOutcome.THROTTLED
    context = {"form": form, "partner": partner, "throttled": throttled, "honeypot": HONEYPOT}
    # Refused with a 200, not a 429: Django logs every 4xx with its path, and this path holds
    # the partner's working link.
    return render(request, "referrals/refer.html", context)


@login_not_required
def sent(request, token):
    partner = Partner.objects.by_token(token)
    if partner is None:
        raise Http404("No such link.")
    return render(request, "referrals/sent.html", {"partner": partner, "token": token})


@oversight_required
def queue(request):
    waiting = (
        Submission.objects.visible_to(request.user)
        .waiting()
        .select_related("partner", "borough")
        .only("pk", "submitted_at", "status", "partner__name", "partner__kind", "borough__name")
    )
    since = timezone.now() - DECISION_TIMES_OVER
    context = {
        "submissions": waiting,
        "times": decision_times(request.user, since=since),
        "days": DECISION_TIMES_OVER.days,
    }
    return render(request, "referrals/queue.html", context)


@oversight_required
def triage(request, pk):
    submission = _get_waiting(request, pk)
    context = _triage_context(request, submission, data=request.POST or None)
    if request.method == "POST":
        client_form, referral_form = context["client_form"], context["referral_form"]
        duplicates = context["duplicates"]
        existing = next((c for c in duplicates if str(c.pk) == request.POST.get("existing")), None)
        # As on the staff referral form: a likely match must be attached to, or set aside.
        confirmed = bool(
            existing
            or request.POST.get("not_a_duplicate")
            or not (duplicates or context["hidden_duplicates"])
        )
        if referral_form.is_valid() and (existing or client_form.is_valid()) and confirmed:
            case = services.referral_accept(
                submission=submission,
                client_form=client_form,
                referral_form=referral_form,
                existing=existing,
                by=request.user,
            )
            messages.success(request, f"{submission.reference} was accepted.")
            return redirect("clients:detail", pk=case.client_id)
        context["confirm_needed"] = not confirmed
    return render(request, "referrals/triage.html", context)


@oversight_required
@require_POST
def ask(request, pk):
    submission = _get_waiting(request, pk)
    form = AskForm(request.POST)
    if not form.is_valid():
        context = _triage_context(request, submission, ask_form=form)
        return render(request, "referrals/triage.html", context)
    services.referral_ask(submission=submission, note=form.cleaned_data["note"], by=request.user)
    messages.success(request, f"The partner was asked for more about {submission.reference}.")
    return redirect("referrals:queue")


@oversight_required
@require_POST
def decline(request, pk):
    submission = _get_waiting(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        context = _triage_context(request, submission, decline_form=form)
        return render(request, "referrals/triage.html", context)
    services.referral_decline(
        submission=submission,
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
        by=request.user,
    )
    messages.success(request, f"{submission.reference} was declined.")
    return redirect("referrals:queue")


def _triage_context(request, submission, *, data=None, ask_form=None, decline_form=None) -> dict:
    """The triage page: the referral, the staff referral forms prefilled from it (bound to
    `data` when it is being accepted), the likely duplicates this manager may see, and the ask and
    decline forms (bound when one of them came back with errors)."""
    initial = accept_initial(submission)
    matches = Client.objects.likely_duplicates(
        first_name=submission.first_name,
        last_name=submission.last_name,
        date_of_birth=submission.date_of_birth,
        pnc_id=submission.pnc_id,
    )
    duplicates = list(matches.visible_to(request.user).select_related("borough"))
    return {
        "submission": submission,
        "client_form": ClientForm(data, prefix="person", user=request.user, initial=initial),
        "referral_form": ReferralForm(data, prefix="case", user=request.user, initial=initial),
        "duplicates": duplicates,
        "hidden_duplicates": matches.exclude(pk__in=[c.pk for c in duplicates]).exists(),
        "ask_form": ask_form or AskForm(),
        "decline_form": decline_form or DeclineForm(),
    }


def _get_waiting(request, pk) -> Submission:
    """A referral still waiting, in the manager's boroughs; anything else is a 404."""
    waiting = Submission.objects.visible_to(request.user).waiting().select_related("partner")
    return get_object_or_404(waiting, pk=pk)
