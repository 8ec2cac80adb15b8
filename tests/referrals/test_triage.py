"""The borough managers' triage queue: scoped to their boroughs, and accept, ask and decline
each do what they say, recorded on the referral, with an email that names no one."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clients.models import Case, Client
from referrals.models import DeclineReason, Submission, SubmissionStatus
from sos.models import Role
from tests.factories import ClientFactory, UserFactory
from tests.referrals.factories import SubmissionFactory


def queued(client) -> list[int]:
    """The referrals the signed-in person's queue lists."""
    return [held.pk for held in client.get(reverse("referrals:queue")).context["submissions"]]


def personal_values(submission) -> list[str]:
    return [
        submission.first_name,
        submission.last_name,
        submission.date_of_birth.strftime("%-d %b %Y"),
        submission.date_of_birth.isoformat(),
        submission.reason,
    ] + ([submission.pnc_id] if submission.pnc_id else [])


def assert_email_names_no_one(submission):
    (message,) = mail.outbox
    assert message.to == [submission.partner.contact_email]
    text = message.subject + message.body
    assert submission.reference in text
    for value in personal_values(submission):
        assert value not in text


def accept_data(submission, **extra) -> dict:
    """The accept form as the manager sends it, prefilled from the referral."""
    data = {
        "person-first_name": submission.first_name,
        "person-last_name": submission.last_name,
        "person-date_of_birth": submission.date_of_birth.isoformat(),
        "person-gender": submission.gender,
        "person-ethnicity": submission.ethnicity,
        "person-borough": submission.borough_id,
        "case-referral_date": submission.submitted_at.date().isoformat(),
        "case-referral_source": 1,
        "case-referral_reason": submission.reason,
    }
    return {**data, **extra}


def test_it_shows_a_referral_only_to_its_boroughs_managers(client, login, manager, croydon):
    held = SubmissionFactory(partner__boroughs=[manager.boroughs.get()])
    croydon_manager = UserFactory(role=Role.MANAGER, boroughs=[croydon])
    login(manager)
    assert queued(client) == [held.pk]
    assert client.get(reverse("referrals:triage", args=[held.pk])).status_code == 200
    login(croydon_manager)
    assert queued(client) == []


def test_it_404s_for_other_borough(client, login, charlie, croydon, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(UserFactory(role=Role.MANAGER, boroughs=[croydon]))
    assert client.get(reverse("referrals:triage", args=[held.pk])).status_code == 404
    for name in ("referrals:ask", "referrals:decline"):
        assert client.post(reverse(name, args=[held.pk]), {"note": "x"}).status_code == 404
    assert Submission.objects.get().status == SubmissionStatus.NEW


def test_it_keeps_caseworkers_out(client, login, alice, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(alice)
    assert client.get(reverse("referrals:queue")).status_code == 403
    assert client.get(reverse("referrals:triage", args=[held.pk])).status_code == 403


def test_it_accepts_through_the_referral_service(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    response = client.post(reverse("referrals:triage", args=[held.pk]), accept_data(held))
    new_client = Client.objects.get(last_name=held.last_name)
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[new_client.pk])
    case = Case.objects.get(client=new_client)
    assert (new_client.borough, case.borough) == (southwark, southwark)
    held.refresh_from_db()
    assert (held.status, held.client, held.decided_by) == (
        SubmissionStatus.ACCEPTED,
        new_client,
        manager,
    )
    assert held.decided_at is not None
    assert_email_names_no_one(held)
    # Decided: it leaves the queue, and cannot be decided twice.
    assert client.get(reverse("referrals:triage", args=[held.pk])).status_code == 404


def test_it_shows_a_likely_duplicate_and_attaches_to_them(client, login, manager, southwark):
    known = ClientFactory(borough=southwark)
    held = SubmissionFactory(
        partner__boroughs=[southwark],
        first_name=known.first_name,
        last_name=known.last_name,
        date_of_birth=known.date_of_birth,
    )
    login(manager)
    url = reverse("referrals:triage", args=[held.pk])
    page = client.get(url).content.decode()
    assert "This may be someone we already know" in page
    assert f'value="{known.pk}"' in page
    # Accepting without choosing is refused, and creates nothing.
    refused = client.post(url, accept_data(held))
    assert refused.status_code == 200 and refused.context["confirm_needed"]
    assert Client.objects.count() == 1
    client.post(url, accept_data(held, existing=known.pk))
    assert Client.objects.count() == 1
    assert known.cases.count() == 1
    held.refresh_from_db()
    assert (held.status, held.client) == (SubmissionStatus.ACCEPTED, known)


def test_it_asks_for_more_without_naming_anyone(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    note = f"Need {held.first_name}'s current address."
    response = client.post(reverse("referrals:ask", args=[held.pk]), {"note": note})
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.manager_note, held.decided_by) == (
        SubmissionStatus.MORE_INFO,
        note,
        manager,
    )
    assert_email_names_no_one(held)
    assert note not in mail.outbox[0].body
    # Still waiting: it stays in the queue.
    assert queued(client) == [held.pk]


def test_it_declines_with_a_reason_the_partner_is_told(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    response = client.post(
        reverse("referrals:decline", args=[held.pk]),
        {"reason": DeclineReason.OUT_OF_AGE, "note": f"{held.last_name} is 26."},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.decline_reason) == (
        SubmissionStatus.DECLINED,
        DeclineReason.OUT_OF_AGE,
    )
    assert_email_names_no_one(held)
    assert DeclineReason.OUT_OF_AGE.label in mail.outbox[0].body
    assert queued(client) == []


def test_it_refuses_a_bad_decline_beside_the_field_with_no_change(
    client, login, manager, southwark
):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    response = client.post(reverse("referrals:decline", args=[held.pk]), {"reason": "made-up"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.context["decline_form"].errors["reason"][0]
    held.refresh_from_db()
    assert held.status == SubmissionStatus.NEW
    assert mail.outbox == []


def test_it_rejects_get(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    for name in ("referrals:ask", "referrals:decline"):
        assert client.get(reverse(name, args=[held.pk])).status_code == 405


def test_it_lists_the_queue_in_a_fixed_number_of_queries(
    client, login, manager, southwark, django_assert_num_queries
):
    login(manager)
    for size in (1, 15):
        SubmissionFactory.create_batch(
            size - Submission.objects.count(), partner__boroughs=[southwark]
        )
        # Session, user, OTP device, one for the referrals with their partner and borough
        # (the manager's boroughs are a subquery in it; the nav's rights are role checks),
        # and one aggregate for the decision times.
        with django_assert_num_queries(5):
            client.get(reverse("referrals:queue"))


def test_it_shows_how_long_decisions_took_in_the_managers_boroughs(
    client, login, manager, southwark, croydon
):
    now = timezone.now()
    waits = {SubmissionStatus.ACCEPTED: 36, SubmissionStatus.DECLINED: 84}  # hours
    for status, hours in waits.items():
        held = SubmissionFactory(partner__boroughs=[southwark], status=status)
        Submission.objects.filter(pk=held.pk).update(
            submitted_at=now - timedelta(hours=hours + 1), decided_at=now - timedelta(hours=1)
        )
    # Not counted: still waiting after asking for more, another borough's, decided too long ago.
    asked = SubmissionFactory(partner__boroughs=[southwark], status=SubmissionStatus.MORE_INFO)
    other = SubmissionFactory(partner__boroughs=[croydon], status=SubmissionStatus.DECLINED)
    old = SubmissionFactory(partner__boroughs=[southwark], status=SubmissionStatus.ACCEPTED)
    Submission.objects.filter(pk__in=[asked.pk, other.pk]).update(
        submitted_at=now - timedelta(days=30), decided_at=now
    )
    Submission.objects.filter(pk=old.pk).update(
        submitted_at=now - timedelta(days=200), decided_at=now - timedelta(days=100)
    )
    login(manager)
    times = client.get(reverse("referrals:queue")).context["times"]
    average_days = round(sum(waits.values()) / len(waits) / 24, 1)
    assert times == {"decided": 2, "average": average_days, "longest": round(84 / 24, 1)}
