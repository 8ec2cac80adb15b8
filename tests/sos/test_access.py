from django.contrib.auth.models import AnonymousUser

from sos.access import boroughs_for, may_see_personal_data
from sos.models import Role
from tests.factories import UserFactory


def test_it_gives_a_caseworker_only_their_boroughs(alice, southwark, croydon):
    assert list(boroughs_for(alice)) == [southwark]


def test_it_gives_an_admin_every_borough(admin_user, southwark, croydon):
    assert set(boroughs_for(admin_user)) == {southwark, croydon}


def test_it_gives_a_deactivated_user_nothing(alice):
    alice.is_active = False
    assert list(boroughs_for(alice)) == []
    assert not may_see_personal_data(alice)


def test_it_gives_an_anonymous_user_nothing(db):
    assert list(boroughs_for(AnonymousUser())) == []
    assert not may_see_personal_data(AnonymousUser())


def test_it_fails_closed_for_a_caseworker_with_no_borough(db):
    assert list(boroughs_for(UserFactory(role=Role.CASEWORKER))) == []


def test_it_keeps_personal_data_from_evaluators(evaluator, alice, manager, admin_user):
    assert not may_see_personal_data(evaluator)
    assert all(may_see_personal_data(user) for user in (alice, manager, admin_user))


def test_it_derives_admin_rights_from_the_role(alice, admin_user):
    assert admin_user.is_staff and admin_user.is_superuser
    assert not alice.is_staff and not alice.is_superuser
    admin_user.is_active = False
    assert not admin_user.is_staff
