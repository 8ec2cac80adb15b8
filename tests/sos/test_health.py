from django.urls import reverse


def test_it_answers_without_login_when_the_database_is_up(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
