"""The summary at the top of the return: headline figures per month, the year to date
against the target pro rata at the contract year's edges, and the movements to explain."""

from datetime import date
from fractions import Fraction

import pytest
from django.urls import reverse

from casework.models import GroupSetting
from reporting import services
from reporting.figures import TOTAL
from reporting.models import Target
from reporting.months import Month
from reporting.selectors import monthly_figures
from reporting.summary import Progress, contract_month, headline_summary
from sos.models import Role
from tests.factories import CaseFactory, UserFactory
from tests.reporting.conftest import MARCH

RETURN = reverse("reporting:return")


def starts(borough, *days):
    for day in days:
        CaseFactory(client__borough=borough, referral_date=day, index_date=day)


def cells_of(summary, key):
    return {cell.column: cell for cell in next(c for c in summary if c[0].headline.key == key)}


def test_contract_months_and_pro_rata_at_the_years_edges():
    september = Month(2023, 9)
    assert contract_month(september, september) == 1
    assert contract_month(september, Month(2024, 2)) == 6
    assert contract_month(september, Month(2024, 8)) == 12
    assert contract_month(september, Month(2023, 8)) == 0  # before the year: no target
    first = Progress(target=120, year_to_date=10, elapsed=1)
    assert (first.pro_rata, first.months_left, first.status) == (10, 11, "on track")
    last = Progress(target=120, year_to_date=100, elapsed=12)
    assert (last.pro_rata, last.months_left, last.status) == (120, 0, "behind")
    # A tenth either way of the pro rata is on track; beyond it, ahead or behind.
    assert Progress(target=12, year_to_date=11, elapsed=10).status == "on track"
    assert Progress(target=12, year_to_date=12, elapsed=10).status == "ahead"
    assert Progress(target=7, year_to_date=1, elapsed=1).pro_rata == Fraction(7, 12)


def test_year_to_date_in_a_leap_year_from_september(southwark, croydon, admin_user):
    # The contract year runs September 2023 to August 2024: the day before is last year's,
    # the leap day is February's.
    starts(southwark, date(2023, 2, 28), date(2023, 8, 31), date(2023, 9, 1))
    starts(southwark, date(2024, 2, 29), date(2024, 3, 1))
    starts(croydon, date(2024, 2, 1), date(2024, 2, 29))
    services.target_set(
        borough=southwark, figure="new_starts", year_start=Month(2023, 9), value=24,
        user=admin_user,
    )  # fmt: skip
    targets = list(Target.objects.all())
    ids = [southwark.pk, croydon.pk]

    february = cells_of(headline_summary(Month(2024, 2), ids, targets), "new_starts")
    ours = february[str(southwark.pk)]
    assert (ours.this_month, ours.last_month, ours.last_year) == ("1", "0", "1")
    assert ours.progress == Progress(target=24, year_to_date=2, elapsed=6)
    assert ours.progress_numbers == "2 against 12 pro rata of 24, 6 months left"
    assert ours.progress.status == "behind"
    assert february[str(croydon.pk)].progress is None  # no target set
    assert february[TOTAL].progress is None  # so no total target either
    assert february[TOTAL].this_month == "3"

    first = cells_of(headline_summary(Month(2023, 9), ids, targets), "new_starts")
    assert first[str(southwark.pk)].progress_numbers == "1 against 2 pro rata of 24, 11 months left"
    before = cells_of(headline_summary(Month(2023, 8), ids, targets), "new_starts")
    assert before[str(southwark.pk)].progress is None


def test_the_total_adds_up_boroughs_in_different_contract_years(southwark, croydon, admin_user):
    starts(southwark, date(2025, 4, 3), date(2025, 5, 3))
    starts(croydon, date(2025, 5, 9))
    for borough, start in [(southwark, Month(2025, 4)), (croydon, Month(2025, 5))]:
        services.target_set(
            borough=borough, figure="new_starts", year_start=start, value=12, user=admin_user
        )
    summary = headline_summary(Month(2025, 5), [southwark.pk, croydon.pk], Target.objects.all())
    total = cells_of(summary, "new_starts")[TOTAL]
    # Southwark: month 2 of 12, pro rata 2, 2 so far; Croydon: month 1, pro rata 1, 1 so far.
    assert (total.progress.year_to_date, total.progress.pro_rata) == (3, 3)
    assert total.progress.status == "on track"
    assert total.progress_numbers == "3 against 3 pro rata of 24"  # months left differ


def test_the_summary_counts_what_the_return_counts(march, southwark, croydon, admin_user):
    """Recomputed from the return's own table for each of the months the summary reads."""
    ids = [southwark.pk, croydon.pk]
    summary = headline_summary(MARCH, ids, [])
    new_starts, hours, workshops = (
        cells_of(summary, key) for key in ("new_starts", "hours", "workshops")
    )
    for month in [MARCH, MARCH.previous(), MARCH.plus(-12)]:
        table = monthly_figures(month, ids)
        for column in table.columns:
            figures = table.column(column)
            assert (
                new_starts[column].value(month)
                == (figures["2. New starts|Young people starting support"])
            )
            assert (
                hours[column].value(month)
                == (figures["5. One-to-one contact|Total hours worked with and for young people"])
            )
            assert workshops[column].value(month) == sum(
                figures[f"6. Group work|{setting.label}: workshops"] for setting in GroupSetting
            )
    assert new_starts[TOTAL].value(MARCH) > 0 and hours[TOTAL].value(MARCH) > 0


@pytest.fixture
def two_borough_manager(southwark, croydon):
    return UserFactory(role=Role.MANAGER, boroughs=[southwark, croydon])


def test_a_movement_is_listed_above_sign_off_and_leads_to_its_records(
    client, login, two_borough_manager, southwark, croydon
):
    for month, ours, theirs in [(12, 2, 4), (1, 2, 4), (2, 2, 4), (3, 3, 5)]:
        year = 2024 if month == 12 else 2025
        starts(southwark, *[date(year, month, 10 + n) for n in range(ours)])
        starts(croydon, *[date(year, month, 10 + n) for n in range(theirs)])
    login(two_borough_manager)
    response = client.get(RETURN, {"month": str(MARCH)})
    page = response.content.decode()
    moved = [(headline.key, name) for headline, name, _cell, _link in response.context["movements"]]
    # Southwark 3 against an average of 2 moved by half; Croydon 5 against 4 by exactly a
    # quarter, which is not more than a quarter; the total 8 against 6 by a third.
    assert moved == [("new_starts", southwark.name), ("new_starts", "Total")]
    assert page.index("What needs explaining") < page.index('id="signoff-heading"')
    assert "3 in March 2025 against an average of 2" in page
    link = response.context["movements"][0][3]
    records = client.get(link)
    assert sorted(case.index_date for case in records.context["page"]) == [
        date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12)
    ]  # fmt: skip


def test_the_page_says_in_words_how_far_along_a_borough_is(
    client, login, manager, admin_user, southwark
):
    starts(southwark, date(2025, 1, 5), date(2025, 3, 5))
    services.target_set(
        borough=southwark, figure="new_starts", year_start=Month(2025, 1), value=36,
        user=admin_user,
    )  # fmt: skip
    login(manager)
    page = client.get(RETURN, {"month": str(MARCH)}).content.decode()
    assert "Behind</strong>: 2 against 9 pro rata of 36, 9 months left" in page


def test_sign_off_freezes_the_summary_and_the_page_shows_what_changed_since(
    client, login, manager, admin_user, southwark
):
    starts(southwark, date(2025, 2, 5), date(2025, 3, 5))
    services.target_set(
        borough=southwark, figure="new_starts", year_start=Month(2025, 1), value=36,
        user=admin_user,
    )  # fmt: skip
    signed = services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    frozen = signed.summary["new_starts"]
    assert frozen == {
        "this_month": 1, "last_month": 1, "last_year": 0,
        "year_to_date": 2, "target": 36, "elapsed": 3,
    }  # fmt: skip
    login(manager)
    assert not client.get(RETURN, {"month": str(MARCH)}).context["summary_changes"]

    # A late record of last month: support that started and ended in February.
    day = date(2025, 2, 20)
    CaseFactory(
        client__borough=southwark, referral_date=day, index_date=day, closure_date=date(2025, 2, 25)
    )
    response = client.get(RETURN, {"month": str(MARCH)})
    changes = [change[2:] for change in response.context["summary_changes"]]
    assert changes == [("last month", "1", "2", "+1"), ("year to date", "2", "3", "+1")]
    assert "year to date: signed 2, now 3 (+1)" in response.content.decode()
    # The figures of March itself are unchanged, yet the summary is not: a revised return.
    revised = services.return_sign_off(borough=southwark, month=MARCH, user=manager, note="late")
    assert (revised.version, revised.summary["new_starts"]["year_to_date"]) == (2, 3)
    assert revised.figures == signed.figures
    assert not client.get(RETURN, {"month": str(MARCH)}).context["summary_changes"]
