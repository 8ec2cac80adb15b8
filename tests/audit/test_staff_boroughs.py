"""Audit of staff <-> borough changes: giving or removing a member of staff's access to a
borough writes one event per borough, with the acting user, whatever the path: the staff form
or a bulk add/remove/set/clear on the relation. The events show on the staff page."""

import pghistory
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from sos.models import Role, StaffBoroughEvent
from tests.factories import BoroughFactory, staff_data


def borough_events(member) -> list[tuple[str, str, int]]:
    """(label, borough name, acting user id) of `member`'s borough events, oldest first (the
    factories write outside any context: no user)."""
    events = StaffBoroughEvent.objects.filter(user=member).order_by("pgh_id")
    return [
        (
            event.pgh_label,
            event.borough.name,
            event.pgh_context and event.pgh_context.metadata["user"],
        )
        for event in events.select_related("borough", "pgh_context")
    ]


def test_it_records_the_staff_form_giving_and_removing_boroughs(
    client, login, admin_user, alice, croydon
):
    login(admin_user)
    data = {
        "first_name": alice.first_name,
        "last_name": alice.last_name,
        "email": alice.email,
        "role": Role.CASEWORKER,
        "boroughs": [croydon.pk],
    }
    response = client.post(reverse("staff_edit", args=[alice.pk]), data)
    assert response.status_code == 302
    assert borough_events(alice)[-2:] == [
        ("borough.remove", "Southwark", admin_user.pk),
        ("borough.add", "Croydon", admin_user.pk),
    ]


def test_it_records_a_new_member_of_staffs_boroughs(client, login, admin_user, southwark):
    login(admin_user)
    client.post(reverse("staff_add"), staff_data(southwark))
    event = StaffBoroughEvent.objects.select_related("pgh_context").get()
    assert (event.pgh_label, event.borough, event.pgh_context.metadata["user"]) == (
        "borough.add",
        southwark,
        admin_user.pk,
    )


def test_it_records_every_bulk_change_with_the_user(admin_user, alice, southwark, croydon):
    lambeth = BoroughFactory(name="Lambeth")
    seen = len(borough_events(alice))

    def events_of(change) -> list[tuple[str, str, int]]:
        """The events one bulk change writes, sorted: Django adds and removes the rows of one
        call in no fixed order."""
        nonlocal seen
        change()
        events = borough_events(alice)[seen:]
        seen += len(events)
        return sorted(events)

    with pghistory.context(user=admin_user.pk):
        added = events_of(lambda: alice.boroughs.add(croydon, lambeth))
        removed = events_of(lambda: alice.boroughs.remove(southwark))
        set_to_croydon = events_of(lambda: alice.boroughs.set([croydon]))
        cleared = events_of(alice.boroughs.clear)
    assert added == [
        ("borough.add", "Croydon", admin_user.pk),
        ("borough.add", "Lambeth", admin_user.pk),
    ]
    assert removed == [("borough.remove", "Southwark", admin_user.pk)]
    assert set_to_croydon == [("borough.remove", "Lambeth", admin_user.pk)]
    assert cleared == [("borough.remove", "Croydon", admin_user.pk)]
    assert not alice.boroughs.exists()


def test_it_records_removals_from_the_boroughs_side(admin_user, alice, bob, southwark):
    with pghistory.context(user=admin_user.pk):
        southwark.staff.clear()
    removed = StaffBoroughEvent.objects.filter(pgh_label="borough.remove", borough=southwark)
    assert {event.user_id for event in removed} == {alice.pk, bob.pk}


@pytest.mark.parametrize("statement", ["UPDATE {} SET user_id = 0", "DELETE FROM {}"])
def test_it_refuses_to_change_or_delete_an_event(admin_user, alice, croydon, statement):
    with pghistory.context(user=admin_user.pk):
        alice.boroughs.add(croydon)
    count = StaffBoroughEvent.objects.count()
    table = StaffBoroughEvent._meta.db_table
    with (
        pytest.raises(DatabaseError, match="Cannot"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table))
    assert StaffBoroughEvent.objects.count() == count


def test_it_shows_borough_changes_on_the_staff_page(client, login, admin_user, alice, croydon):
    with pghistory.context(user=admin_user.pk):
        alice.boroughs.add(croydon)
        alice.boroughs.remove(croydon)
    login(admin_user)
    response = client.get(reverse("staff_edit", args=[alice.pk]))
    changes = {(change.who, change.what) for change in response.context["history"]}
    # Both in one transaction: the same time, so either order.
    assert {
        (str(admin_user), "Given access to Croydon"),
        (str(admin_user), "Removed from Croydon"),
    } <= changes
    assert "Given access to Croydon" in response.content.decode()
