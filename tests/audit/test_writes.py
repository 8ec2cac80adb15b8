"""Audit of writes: create, update and delete of every audited record, a bulk
QuerySet.update() included, give one event per changed row, each with the acting user."""

import pghistory
from django.urls import reverse
from pghistory.models import Events

from casework.models import Outcome, Session
from clients.models import Case, Client, Consent, Offence
from sos.models import User
from tests.factories import (
    CaseFactory,
    ClientFactory,
    ConsentFactory,
    OffenceFactory,
    OutcomeFactory,
    SessionFactory,
    UserFactory,
)


def events(model, label: str):
    """The events of `label` (insert, update, delete) recorded for `model`'s rows."""
    return Events.objects.filter(pgh_model=f"{model._meta.app_label}.{model.__name__}Event").filter(
        pgh_label=label
    )


def assert_all_by(rows, user, count: int):
    assert len(rows) == count
    # The aggregate Events view gives each event's context as its metadata dict.
    assert {event.pgh_context.get("user") for event in rows} == {user.pk}


def test_it_records_create_update_and_delete_with_the_user(admin_user, southwark):
    factories = {
        Client: lambda: ClientFactory(borough=southwark),
        Case: lambda: CaseFactory(client__borough=southwark),
        Offence: OffenceFactory,
        Consent: ConsentFactory,
        Session: lambda: SessionFactory(logged_by=admin_user),
        Outcome: OutcomeFactory,
        User: UserFactory,
    }
    for model, factory in factories.items():
        with pghistory.context(user=admin_user.pk):
            row = factory()
        with pghistory.context(user=admin_user.pk):
            model.objects.filter(pk=row.pk).update(**changed_field(model))
        with pghistory.context(user=admin_user.pk):
            model.objects.filter(pk=row.pk).delete()
        for label in ("insert", "update", "delete"):
            rows = list(events(model, label).filter(pgh_obj_id=row.pk))
            assert_all_by(rows, admin_user, 1)


def changed_field(model) -> dict:
    return {
        Client: {"phone": "07700 900000"},
        Case: {"referrer": "Someone else"},
        Offence: {"sentence": "Changed"},
        Consent: {"notes": "Changed"},
        Session: {"location": "Changed"},
        Outcome: {"evidence": "Changed"},
        User: {"first_name": "Changed"},
    }[model]


def test_it_records_one_event_per_row_of_a_bulk_update(alice, southwark):
    sessions = SessionFactory.create_batch(4, case__client__borough=southwark, logged_by=alice)
    with pghistory.context(user=alice.pk):
        Session.objects.filter(pk__in=[s.pk for s in sessions[:3]]).update(location="Hub")
        Session.objects.filter(pk=sessions[0].pk).update(location="Hub")  # no change, no event
    assert_all_by(list(events(Session, "update")), alice, 3)


def test_it_records_the_signed_in_user_through_the_middleware(login, alice, southwark_client):
    url = reverse("clients:consent_add", args=[southwark_client.pk])
    login(alice).post(url, {"scope": "partners", "given": "True", "date": "01/02/2025"})
    assert_all_by(list(events(Consent, "insert")), alice, 1)


def test_it_keeps_passwords_and_sign_in_times_out_of_staff_history(admin_user):
    with pghistory.context(user=admin_user.pk):
        member = UserFactory()
        member.set_password("a new long passphrase")
        member.save()
    columns = {field.name for field in events(User, "insert").model._meta.fields}
    snapshot = Events.objects.filter(pgh_obj_id=member.pk, pgh_model="sos.UserEvent")
    assert snapshot.exists()
    assert not {"password", "last_login"} & set(snapshot.first().pgh_data)
    assert columns
