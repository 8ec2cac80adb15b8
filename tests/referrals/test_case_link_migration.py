"""Migration 0002 links referrals accepted before submissions kept their case to the case that
accepting opened, found through the history tables, and to no other case."""

import importlib

from django.apps import apps
from django.urls import reverse

from clients.models import Case
from referrals.models import Submission, SubmissionStatus
from tests.factories import CaseFactory
from tests.referrals.factories import SubmissionFactory
from tests.referrals.test_triage import accept_data

migration = importlib.import_module("referrals.migrations.0002_submission_case")


def test_it_links_an_accepted_referral_to_the_case_it_opened(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark])
    login(manager)
    client.post(reverse("referrals:triage", args=[held.pk]), accept_data(held))
    held.refresh_from_db()
    opened = held.case
    # Another young person's case, and a waiting referral: neither is linked.
    CaseFactory(client__borough=southwark, borough=southwark)
    waiting = SubmissionFactory(partner__boroughs=[southwark])
    # As it was before the migration: accepted, with its client, but no case.
    Submission.objects.filter(pk=held.pk).update(case=None)

    migration.link_accepted_cases(apps, None)

    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, held.case) == (SubmissionStatus.ACCEPTED, opened)
    assert opened.client == held.client
    assert waiting.case is None
    assert Submission.objects.filter(case__isnull=False).count() == 1
    assert Case.objects.count() == 2
