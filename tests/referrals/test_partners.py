from django.urls import reverse

from referrals.models import Partner, PartnerKind
from tests.referrals.factories import PartnerFactory

LINK_PREFIX = "/referrals/refer/"


def issued_token(response) -> str:
    """The token in the link page shown once after adding or rotating."""
    html = response.content.decode()
    start = html.index(LINK_PREFIX) + len(LINK_PREFIX)
    return html[start : html.index("/", start)]


def test_it_adds_a_partner_and_shows_its_link_once(login, admin_user, southwark, croydon, client):
    login(admin_user)
    response = client.post(
        reverse("referrals:partner_add"),
        {
            "name": "HMP Example",
            "kind": PartnerKind.PRISON,
            "boroughs": [southwark.pk, croydon.pk],
            "contact_email": "omu@prison.example",
        },
    )
    assert response.status_code == 200
    token = issued_token(response)
    partner = Partner.objects.get()
    assert set(partner.boroughs.all()) == {southwark, croydon}
    # Only a hash is stored: nothing in the row is the token.
    assert token not in str(Partner.objects.values().get())
    assert len(token) >= 40
    client.logout()
    assert client.get(reverse("referrals:refer", args=[token])).status_code == 200
    # And the list page never shows it again.
    login(admin_user)
    assert token not in client.get(reverse("referrals:partner_list")).content.decode()


def test_it_refuses_a_rotated_link_and_accepts_the_new_one(login, admin_user, client, southwark):
    partner = PartnerFactory(boroughs=[southwark])
    login(admin_user)
    old = issued_token(client.post(reverse("referrals:partner_rotate", args=[partner.pk])))
    new = issued_token(client.post(reverse("referrals:partner_rotate", args=[partner.pk])))
    client.logout()
    assert old != new
    assert client.get(reverse("referrals:refer", args=[old])).status_code == 404
    assert client.get(reverse("referrals:refer", args=[new])).status_code == 200


def test_it_refuses_a_revoked_link_get_and_post(login, admin_user, client, southwark_link):
    partner, token = southwark_link
    login(admin_user)
    client.post(reverse("referrals:partner_revoke", args=[partner.pk]))
    client.logout()
    for method in (client.get, client.post):
        assert method(reverse("referrals:refer", args=[token])).status_code == 404
        assert method(reverse("referrals:sent", args=[token])).status_code == 404


def test_it_refuses_an_unknown_or_oversized_token(client, southwark_link):
    _partner, token = southwark_link
    for wrong in [token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 5000, "unissued-0"]:
        assert client.get(reverse("referrals:refer", args=[wrong])).status_code == 404


def test_it_keeps_partner_pages_for_admins(login, manager, client, southwark_link):
    partner, _token = southwark_link
    login(manager)
    assert client.get(reverse("referrals:partner_list")).status_code == 403
    assert client.post(reverse("referrals:partner_rotate", args=[partner.pk])).status_code == 403


def test_it_rejects_get_on_rotate_and_revoke(login, admin_user, client, southwark_link):
    partner, _token = southwark_link
    login(admin_user)
    for name in ("referrals:partner_rotate", "referrals:partner_revoke"):
        assert client.get(reverse(name, args=[partner.pk])).status_code == 405
