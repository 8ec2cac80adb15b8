from datetime import date

import pytest

from clients.models import Case, CaseStatus, Client, Offence, OffenceOutcome
from tests.factories import CaseFactory, ClientFactory, OffenceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 1, 31), CaseStatus.REFERRED),  # referred, not started
        (date(2026, 2, 1), CaseStatus.ACTIVE),  # start of support on the first of the month
        (date(2026, 2, 28), CaseStatus.ACTIVE),  # the day before closure
        (date(2026, 3, 1), CaseStatus.CLOSED),  # closed on the first of the month
    ],
)
def test_it_derives_status_from_dates_at_month_boundaries(day, status):
    case = CaseFactory(
        referral_date=date(2026, 1, 15),
        index_date=date(2026, 2, 1),
        closure_date=date(2026, 3, 1),
    )
    assert case.status_on(day) == status
    annotated = Client.objects.with_current_case(on=day).get(pk=case.client_id)
    assert annotated.current_status == status


def test_it_picks_the_latest_case_as_current():
    first = CaseFactory(
        referral_date=date(2024, 1, 1),
        index_date=date(2024, 1, 5),
        closure_date=date(2024, 6, 1),
    )
    CaseFactory(client=first.client, referral_date=date(2025, 3, 1), index_date=None)
    annotated = Client.objects.with_current_case(on=date(2025, 4, 1)).get(pk=first.client_id)
    assert annotated.current_status == CaseStatus.REFERRED
    assert annotated.current_referral_date == date(2025, 3, 1)


def test_it_finds_cases_active_at_any_point_in_a_month():
    ended_on_first = CaseFactory(
        referral_date=date(2026, 1, 1),
        index_date=date(2026, 1, 2),
        closure_date=date(2026, 3, 1),
    )
    starts_on_last = CaseFactory(referral_date=date(2026, 3, 1), index_date=date(2026, 3, 31))
    ended_before = CaseFactory(
        referral_date=date(2026, 1, 1),
        index_date=date(2026, 1, 2),
        closure_date=date(2026, 2, 28),
    )
    starts_after = CaseFactory(referral_date=date(2026, 3, 1), index_date=date(2026, 4, 1))
    active = set(Case.objects.active_between(date(2026, 3, 1), date(2026, 3, 31)))
    assert active == {ended_on_first, starts_on_last}
    assert ended_before not in active and starts_after not in active


def test_it_counts_age_in_whole_years():
    client = ClientFactory(date_of_birth=date(2008, 2, 29))
    assert client.age_on(date(2026, 2, 28)) == 17
    assert client.age_on(date(2026, 3, 1)) == 18


@pytest.mark.parametrize(
    ("outcome", "proven"),
    [
        (OffenceOutcome.CONVICTION, True),
        (OffenceOutcome.CAUTION, True),
        (OffenceOutcome.REPRIMAND, True),
        (OffenceOutcome.WARNING, True),
        (OffenceOutcome.NO_FURTHER_ACTION, False),
        (OffenceOutcome.PENDING, False),
    ],
)
def test_it_knows_which_outcomes_prove_an_offence(outcome, proven):
    offence = OffenceFactory(outcome=outcome)
    assert offence.is_proven is proven
    assert (offence in Offence.objects.proven()) is proven


def test_it_finds_likely_duplicates_by_name_and_birth_or_pnc():
    jay = ClientFactory(
        first_name="Jay", last_name="Example", date_of_birth=date(2008, 1, 1), pnc_id="08/123456X"
    )
    by_name = Client.objects.likely_duplicates(
        first_name=" jay", last_name="EXAMPLE", date_of_birth=date(2008, 1, 1), pnc_id=""
    )
    by_pnc = Client.objects.likely_duplicates(
        first_name="Other", last_name="Name", date_of_birth=date(2007, 5, 5), pnc_id="08/123456x"
    )
    nobody = Client.objects.likely_duplicates(
        first_name="Jay", last_name="Example", date_of_birth=date(2008, 1, 2), pnc_id=""
    )
    assert list(by_name) == [jay] and list(by_pnc) == [jay] and not nobody.exists()


def test_it_searches_by_name_pnc_id_and_prison_number():
    jay = ClientFactory(first_name="Jay", pnc_id="08/123456X", prison_number="A1234BC")
    ClientFactory(first_name="Kai")
    for text in ["jay", "08/123456x", "a1234bc"]:
        assert list(Client.objects.search(text)) == [jay]
