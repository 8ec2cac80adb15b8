"""The anonymised date of birth keeps every age the returns count, and not the birthday."""

from datetime import date, timedelta

import pytest

from gdpr.anonymise import coarse_birthday


def age_on(born: date, day: date) -> int:
    """Whole years, recomputed independently of the app's SQL AgeInYears."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@pytest.mark.parametrize("year", [2008, 2009])  # a leap year and an ordinary one
@pytest.mark.parametrize(
    "index_dates",
    [
        [],
        [date(2025, 3, 15)],
        [date(2024, 2, 29), date(2026, 11, 2)],
        [date(2025, 1, 1), date(2025, 6, 30), date(2026, 12, 31)],
    ],
)
def test_it_keeps_the_age_at_every_index_date_for_every_birthday_of_a_year(year, index_dates):
    born = date(year, 1, 1)
    while born.year == year:
        coarse = coarse_birthday(born, index_dates)
        assert coarse.year == year
        assert [age_on(coarse, day) for day in index_dates] == [
            age_on(born, day) for day in index_dates
        ]
        born += timedelta(days=1)


def test_it_keeps_no_more_than_the_stretch_between_two_index_days():
    # Everyone born from 16 March to 2 November 2009 gets the same date: 2 November.
    index_dates = [date(2025, 3, 15), date(2026, 11, 2)]
    coarse = {
        coarse_birthday(date(2009, 3, 16) + timedelta(days=n), index_dates) for n in range(232)
    }
    assert coarse == {date(2009, 11, 2)}
    assert coarse_birthday(date(2009, 12, 25), index_dates) == date(2009, 12, 31)
    assert coarse_birthday(date(2009, 2, 1), index_dates) == date(2009, 1, 1)
