from django.urls import reverse

from tests.factories import GroupSessionFactory


def test_it_shows_group_work(client, login, alice, bob, southwark, django_assert_num_queries):
    group_session = GroupSessionFactory(borough=southwark, facilitators=[alice, bob], logged_by=bob)
    login(alice)
    # session, user, verified 2FA device, group work (scoped, with borough and author),
    # facilitators
    with django_assert_num_queries(5):
        response = client.get(reverse("casework:group_session_detail", args=[group_session.pk]))
    html = response.content.decode()
    assert group_session.setting_name in html and alice.get_full_name() in html


def test_it_lets_a_manager_and_an_admin_see_it(client, login, manager, admin_user, southwark):
    group_session = GroupSessionFactory(borough=southwark)
    url = reverse("casework:group_session_detail", args=[group_session.pk])
    for user in (manager, admin_user):
        login(user)
        assert client.get(url).status_code == 200


def test_it_forbids_evaluators(client, login, evaluator, southwark):
    group_session = GroupSessionFactory(borough=southwark)
    login(evaluator)
    url = reverse("casework:group_session_detail", args=[group_session.pk])
    assert client.get(url).status_code == 403


def test_it_404s_for_other_borough(client, login, charlie, southwark):
    group_session = GroupSessionFactory(borough=southwark)
    login(charlie)
    url = reverse("casework:group_session_detail", args=[group_session.pk])
    assert client.get(url).status_code == 404
