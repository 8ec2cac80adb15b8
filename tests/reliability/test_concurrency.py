"""SECURITY.md "lost update" and "double submit": two threads racing on one version or one
form token, 100 runs each, with real transactions on PostgreSQL. The services are called
directly (the same ones the views call), so each run costs milliseconds, not a request."""

import uuid
from functools import partial

import pytest

from casework.forms.session import SessionLogForm
from casework.models import Session
from casework.services.sessions import session_log
from clients.forms import ClientEditForm
from clients.models import Client
from sos.concurrency import EditConflict, save_versioned
from tests.concurrency import race
from tests.factories import CaseFactory

RUNS = 100

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def save_phone(record: Client, user, phone: str, version: int) -> Client:
    """Save a new phone number for `record` from a form opened on `version`."""
    form = ClientEditForm(
        {
            "first_name": record.first_name,
            "last_name": record.last_name,
            "date_of_birth": record.date_of_birth.isoformat(),
            "gender": record.gender,
            "ethnicity": record.ethnicity,
            "borough": record.borough_id,
            "phone": phone,
            "version": version,
        },
        instance=Client.objects.get(pk=record.pk),
        user=user,
    )
    assert form.is_valid(), form.errors
    return save_versioned(form)


def log_session(data: dict, case, user):
    form = SessionLogForm(data, user=user)
    assert form.is_valid(), form.errors
    return session_log(form=form, case=case, logged_by=user)


def test_it_loses_no_update_in_100_races(southwark, alice, bob):
    record = CaseFactory(client__borough=southwark).client
    for run in range(RUNS):
        version = Client.objects.get(pk=record.pk).version
        results = race(
            partial(save_phone, record, alice, f"07700 9{run:05d}", version),
            partial(save_phone, record, bob, "07700 900000", version),
        )
        conflicts = [result for result in results if isinstance(result, EditConflict)]
        saved = [result for result in results if isinstance(result, Client)]
        assert (len(saved), len(conflicts)) == (1, 1), results
        current = Client.objects.get(pk=record.pk)
        assert (current.version, current.phone) == (version + 1, saved[0].phone)


def test_it_logs_exactly_one_session_in_100_double_submits(southwark, alice):
    case = CaseFactory(client__borough=southwark, caseworker=alice)
    for _ in range(RUNS):
        data = {
            "case": case.pk,
            "date": case.index_date.isoformat(),
            "duration_choice": "30",
            "attendance": "attended",
            "contact_type": "face_to_face",
            "submission_token": str(uuid.uuid4()),
        }
        submit = partial(log_session, data, case, alice)
        results = race(submit, submit)
        assert sorted(created for _session, created in results) == [False, True], results
        assert Session.objects.filter(submission_token=data["submission_token"]).count() == 1
