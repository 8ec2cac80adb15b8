import pytest
from django.core import mail
from django.urls import reverse

from sos.models import Borough, Role, User
from tests.factories import BoroughFactory, UserFactory, staff_data


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
@pytest.mark.parametrize("url_name", ["staff_list", "staff_add"])
def test_it_is_for_admins_only(client, login, request, persona, url_name):
    login(request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code == 403


def test_it_lists_active_staff_in_a_fixed_number_of_queries(
    client, login, admin_user, alice, bob, charlie, django_assert_num_queries
):
    login(admin_user)
    # session, user, the session's two-factor device, staff, their boroughs (prefetched)
    with django_assert_num_queries(5):
        response = client.get(reverse("staff_list"))
    assert {alice, bob, charlie} <= set(response.context["staff"])
    UserFactory.create_batch(5, boroughs=[charlie.boroughs.first()])
    with django_assert_num_queries(5):
        client.get(reverse("staff_list"))


def test_it_adds_staff_and_emails_a_link_to_set_a_password(
    client, login, admin_user, southwark, django_capture_on_commit_callbacks
):
    login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff_add"), staff_data(southwark))
    assert response.status_code == 302
    jordan = User.objects.get(email="jordan.example@example.invalid")
    assert list(jordan.boroughs.all()) == [southwark]
    assert not jordan.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_it_refuses_a_duplicate_email_ignoring_case(client, login, admin_user, alice, southwark):
    login(admin_user)
    response = client.post(
        reverse("staff_add"), staff_data(southwark, email=alice.email.upper(), first_name="Kept")
    )
    assert response.status_code == 200
    assert "Someone already uses this email address." in response.content.decode()
    assert 'value="Kept"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MANAGER, Role.EVALUATOR])
def test_it_refuses_a_borough_role_with_no_borough(client, login, admin_user, southwark, role):
    login(admin_user)
    response = client.post(reverse("staff_add"), staff_data(southwark, role=role, boroughs=[]))
    assert response.status_code == 200
    assert "needs a borough" in response.content.decode()
    assert not User.objects.filter(email="jordan.example@example.invalid").exists()


def test_it_lets_an_admin_have_no_borough(client, login, admin_user, southwark):
    login(admin_user)
    response = client.post(
        reverse("staff_add"), staff_data(southwark, role=Role.ADMIN, boroughs=[])
    )
    assert response.status_code == 302


def test_it_limits_an_evaluator_to_one_borough(client, login, admin_user, southwark, croydon):
    login(admin_user)
    response = client.post(
        reverse("staff_add"),
        staff_data(southwark, role=Role.EVALUATOR, boroughs=[southwark.pk, croydon.pk]),
    )
    assert "one borough only" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Enter the first name."),
        ("last_name", "x" * 151, "Ensure this value has at most 150 characters"),
        ("email", "not-an-email", "Enter a valid email address."),
    ],
)
def test_it_explains_bad_input_beside_the_field(
    client, login, admin_user, southwark, field, value, message
):
    login(admin_user)
    response = client.post(reverse("staff_add"), staff_data(southwark, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in response.content.decode()


def test_it_changes_role_and_boroughs(client, login, admin_user, alice, croydon):
    login(admin_user)
    data = staff_data(croydon, email=alice.email, role=Role.MANAGER)
    response = client.post(reverse("staff_edit", args=[alice.pk]), data)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.role == Role.MANAGER
    assert list(alice.boroughs.all()) == [croydon]


def test_it_deactivates_and_reactivates_without_deleting(client, login, admin_user, alice):
    login(admin_user)
    client.post(reverse("staff_deactivate", args=[alice.pk]))
    alice.refresh_from_db()
    assert not alice.is_active
    client.post(reverse("staff_reactivate", args=[alice.pk]))
    alice.refresh_from_db()
    assert alice.is_active


def test_it_rejects_get_on_deactivate(client, login, admin_user, alice):
    login(admin_user)
    assert client.get(reverse("staff_deactivate", args=[alice.pk])).status_code == 405


def test_it_will_not_let_admins_deactivate_themselves(client, login, admin_user):
    login(admin_user)
    client.post(reverse("staff_deactivate", args=[admin_user.pk]))
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_it_ignores_posted_privileges(client, login, admin_user, southwark):
    login(admin_user)
    data = staff_data(southwark, is_superuser="on", is_staff="on", is_active="")
    client.post(reverse("staff_add"), data)
    jordan = User.objects.get(email="jordan.example@example.invalid")
    assert jordan.is_active and jordan.role == Role.CASEWORKER and not jordan.is_staff


def test_it_offers_each_borough_once_however_many_staff_work_there(
    client, login, admin_user, alice, bob, manager, southwark, croydon
):
    # Several people share Southwark and alice also keeps a retired borough: the edit page
    # must list every active borough and her retired one exactly once, in name order.
    retired = BoroughFactory(name="Barnet", is_active=False)
    untouched_retired = BoroughFactory(name="Hackney", is_active=False)
    UserFactory.create_batch(4, boroughs=[southwark, croydon, retired])
    alice.boroughs.add(retired)
    login(admin_user)
    response = client.get(reverse("staff_edit", args=[alice.pk]))
    offered = [label for _, label in response.context["form"].fields["boroughs"].choices]
    expected = sorted([b.name for b in Borough.objects.active()] + [retired.name], key=str.casefold)
    assert offered == expected
    assert untouched_retired.name not in offered
    page = response.content.decode()
    assert page.count('name="boroughs"') == len(expected)
    ticked = [
        str(choice.data["value"])
        for choice in response.context["form"]["boroughs"]
        if choice.data["selected"]
    ]
    assert sorted(ticked) == sorted([str(southwark.pk), str(retired.pk)])


def test_it_confirms_a_deactivation_on_its_own_page_before_doing_it(
    client, login, admin_user, alice, southwark_client
):
    login(admin_user)
    edit_page = client.get(reverse("staff_edit", args=[alice.pk])).content.decode()
    confirm_url = reverse("staff_deactivate_confirm", args=[alice.pk])
    # The edit page links to the confirmation; it holds no form that deactivates in one click.
    assert f'href="{confirm_url}"' in edit_page
    assert f'action="{reverse("staff_deactivate", args=[alice.pk])}"' not in edit_page

    response = client.get(confirm_url)
    page = response.content.decode()
    assert "can no longer sign in" in page
    assert "1 open case stays allocated to them" in page
    assert "Can it be undone?" in page
    assert f'action="{reverse("staff_deactivate", args=[alice.pk])}"' in page
    alice.refresh_from_db()
    assert alice.is_active


def test_it_will_not_offer_admins_to_deactivate_themselves(client, login, admin_user):
    login(admin_user)
    page = client.get(reverse("staff_deactivate_confirm", args=[admin_user.pk])).content.decode()
    assert "cannot deactivate your own account" in page
    assert reverse("staff_deactivate", args=[admin_user.pk]) not in page


def test_it_404s_confirming_the_deactivation_of_someone_inactive(client, login, admin_user, alice):
    alice.is_active = False
    alice.save()
    login(admin_user)
    assert client.get(reverse("staff_deactivate_confirm", args=[alice.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
def test_it_shows_the_deactivation_page_to_admins_only(client, login, request, persona, bob):
    login(request.getfixturevalue(persona))
    assert client.get(reverse("staff_deactivate_confirm", args=[bob.pk])).status_code == 403
