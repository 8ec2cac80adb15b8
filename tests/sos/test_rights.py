"""The role rules of sos/access.py, as each role meets them: the links a page shows a person
(through the `may` context processor) are exactly those of its links whose page lets them in.
A link shown to someone it refuses, or hidden from someone it serves, fails here."""

import re

import pytest
from django.urls import reverse

from sos.access import (
    may_administer,
    may_oversee,
    may_read_evaluation,
    may_see_personal_data,
    sees_suppressed_figures,
)
from sos.models import Role
from tests.factories import UserFactory

HREF = re.compile(r'href="(/(?!static/)[^"#?]*)"')  # pages, not stylesheets


def links(page: str, among: set[str]) -> set[str]:
    return set(HREF.findall(page)) & among


def opens(client, url: str) -> bool:
    return client.get(url).status_code == 200


def test_it_shows_each_role_exactly_the_menu_links_it_may_open(
    login, alice, manager, admin_user, evaluator
):
    home = reverse("home")
    people = [alice, manager, admin_user, evaluator]
    pages = {person: login(person).get(home).content.decode() for person in people}
    # Every page any role is offered from home, the menu and its own links together.
    offered = set().union(*(HREF.findall(page) for page in pages.values())) - {home}
    assert reverse("staff_list") in offered and reverse("clients:list") in offered
    for person in people:
        client = login(person)
        allowed = {url for url in offered if opens(client, url)}
        assert links(pages[person], offered) == allowed, person.role


def test_it_shows_the_allocate_and_subject_access_links_only_to_those_let_in(
    login, southwark_client, alice, manager, admin_user
):
    case = southwark_client.cases.get()
    guarded = {
        reverse("clients:case_allocate", args=[case.pk]),
        reverse("gdpr:subject_access", args=[southwark_client.pk]),
    }
    for person in [alice, manager, admin_user]:
        client = login(person)
        page = client.get(reverse("clients:detail", args=[southwark_client.pk]))
        assert page.status_code == 200
        allowed = {url for url in guarded if opens(client, url)}
        assert links(page.content.decode(), guarded) == allowed, person.role


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.CASEWORKER, {"personal data"}),
        (Role.MANAGER, {"personal data", "oversee", "evaluation"}),
        (Role.ADMIN, {"personal data", "oversee", "evaluation", "administer"}),
        (Role.EVALUATOR, {"evaluation", "suppressed"}),
    ],
)
def test_it_grants_each_role_what_domain_md_gives_it_and_nothing_once_deactivated(
    db, role, allowed
):
    rules = {
        "personal data": may_see_personal_data,
        "oversee": may_oversee,
        "evaluation": may_read_evaluation,
        "administer": may_administer,
        "suppressed": sees_suppressed_figures,
    }
    user = UserFactory(role=role)
    assert {name for name, rule in rules.items() if rule(user)} == allowed
    user.is_active = False
    assert {name for name, rule in rules.items() if rule(user)} == set()
