import pytest

from tests.referrals.factories import partner_with_link


@pytest.fixture
def southwark_link(southwark):
    """A YOT in Southwark and its working link's token."""
    return partner_with_link(boroughs=[southwark], name="Southwark YOT")


def referral_data(borough, **overrides) -> dict:
    """A complete, valid referral as the public form posts it (synthetic person)."""
    data = {
        "borough": borough.pk,
        "first_name": "Tayo",
        "last_name": "Synthetic",
        "date_of_birth": "2009-04-17",
        "gender": "male",
        "ethnicity": "black",
        "postcode": "SE1 7AA",
        "pnc_id": "",
        "reason": "Stabbed last month; his YOT officer thinks he wants out.",
        "known_risks": "Carries a knife.",
        "consent_basis": "agreed",
        "referrer_name": "Pat Officer",
        "referrer_role": "YOT case manager",
        "referrer_email": "pat.officer@yot.example",
    }
    return {**data, **overrides}
