"""Proven reoffending by the Ministry of Justice rule, against hand-counted episodes."""

from datetime import date
from decimal import Decimal

import pytest

from reporting.evaluation import custody_cost_avoided
from reporting.reoffending import Cohort, proven_reoffending
from reporting.statistics import wilson_interval
from tests.factories import CaseFactory, OffenceFactory

TODAY = date(2026, 1, 15)


def started(borough, index):
    return CaseFactory(client__borough=borough, referral_date=index, index_date=index)


@pytest.fixture
def episodes(southwark):
    p1 = started(southwark, date(2024, 1, 10))
    OffenceFactory(
        client=p1.client,
        offence_date=date(2024, 6, 1),
        outcome="conviction",
        outcome_date=date(2025, 5, 1),
    )  # inside 12 months, proven inside 18: counts
    OffenceFactory(
        client=p1.client,
        offence_date=date(2024, 12, 1),
        outcome="caution",
        outcome_date=date(2025, 8, 1),
    )  # proven after the waiting period: no
    OffenceFactory(
        client=p1.client,
        offence_date=date(2025, 1, 10),
        outcome="conviction",
        outcome_date=date(2025, 2, 1),
    )  # committed 12 months on: outside
    p2 = started(southwark, date(2024, 2, 15))
    OffenceFactory(
        client=p2.client,
        offence_date=date(2024, 3, 1),
        outcome="nfa",
        outcome_date=date(2024, 4, 1),
    )  # not proven
    OffenceFactory(
        client=p2.client,
        offence_date=date(2024, 1, 1),
        outcome="conviction",
        outcome_date=date(2024, 2, 1),
    )  # before support started
    p4 = started(southwark, date(2024, 3, 5))
    OffenceFactory(
        client=p4.client,
        offence_date=date(2024, 4, 5),
        outcome="conviction",
        outcome_date=date(2024, 6, 1),
    )
    OffenceFactory(
        client=p4.client,
        offence_date=date(2024, 9, 5),
        outcome="warning",
        outcome_date=date(2024, 10, 1),
    )
    p6 = started(southwark, date(2024, 1, 20))
    OffenceFactory(
        client=p6.client,
        offence_date=date(2025, 1, 19),
        outcome="reprimand",
        outcome_date=date(2025, 7, 19),
    )  # last day of each period: counts
    started(southwark, date(2024, 8, 15))  # 17 months before TODAY: not yet measurable
    CaseFactory(client__borough=southwark, referral_date=date(2024, 1, 5), index_date=None)


def test_it_counts_only_proven_reoffences_inside_the_periods(episodes, southwark):
    result = proven_reoffending([southwark.pk], today=TODAY)
    [q1] = result.cohorts
    assert (q1.label, q1.n, q1.reoffenders, q1.reoffences) == ("2024 Q1", 4, 3, 4)
    assert q1.per_reoffender == pytest.approx(4 / 3)
    assert q1.per_young_person == 1.0
    assert q1.median_days_to_first == 143  # of 143 (P1), 31 (P4) and 365 (P6)
    assert result.overall.n == 4 and result.overall.reoffenders == 3


def test_it_counts_a_young_person_with_two_episodes_once(southwark, croydon):
    first = started(southwark, date(2024, 1, 10))
    # A second episode (in another borough) whose window overlaps the first one's.
    CaseFactory(
        client=first.client,
        borough=croydon,
        referral_date=date(2024, 3, 1),
        index_date=date(2024, 3, 1),
    )
    OffenceFactory(
        client=first.client,
        offence_date=date(2024, 6, 1),
        outcome="conviction",
        outcome_date=date(2024, 9, 1),
    )  # inside both windows: one reoffender, one reoffence
    started(southwark, date(2024, 2, 1))  # a second young person, no reoffence
    here = proven_reoffending([southwark.pk], today=TODAY)
    assert (here.overall.n, here.overall.reoffenders, here.overall.reoffences) == (2, 1, 1)
    assert here.overall.per_young_person == 0.5
    # The later episode does not re-enter them in its own borough.
    there = proven_reoffending([croydon.pk], today=TODAY)
    assert (there.overall.n, there.not_yet_measurable, there.not_started) == (0, 0, 0)
    both = proven_reoffending([southwark.pk, croydon.pk], today=TODAY)
    assert (both.overall.n, both.overall.reoffences) == (2, 1)


def test_it_counts_not_started_and_not_yet_measurable_young_people_once(southwark):
    waiting = started(southwark, date(2025, 1, 10))
    CaseFactory(client=waiting.client, referral_date=date(2025, 6, 1), index_date=date(2025, 6, 1))
    never = CaseFactory(client__borough=southwark, referral_date=date(2025, 1, 5), index_date=None)
    CaseFactory(client=never.client, referral_date=date(2025, 3, 5), index_date=None)
    result = proven_reoffending([southwark.pk], today=TODAY)
    assert (result.not_yet_measurable, result.not_started) == (1, 1)


def test_it_keeps_unmeasurable_and_unstarted_support_out_of_the_rate(episodes, southwark):
    result = proven_reoffending([southwark.pk], today=TODAY)
    assert (result.not_yet_measurable, result.not_started) == (1, 1)


def test_it_measures_an_episode_once_18_months_have_passed(episodes, southwark):
    later = proven_reoffending([southwark.pk], today=date(2026, 2, 15))
    assert later.overall.n == 5 and later.not_yet_measurable == 0


def test_it_keeps_to_the_boroughs_asked_for(episodes, croydon):
    result = proven_reoffending([croydon.pk], today=TODAY)
    assert result.cohorts == [] and result.overall.n == 0


def test_it_estimates_custody_cost_avoided_with_the_interval_carried_through(southwark):
    southwark.baseline_reoffending_rate = Decimal("75")
    southwark.baseline_source = "Published rate"
    southwark.custody_cost_per_year = Decimal("65000")
    cohort = Cohort(quarter=None, n=100, reoffenders=20, reoffences=30, median_days_to_first=90)
    avoided = custody_cost_avoided(southwark, cohort)
    assert avoided.estimate == Decimal("3575000")  # (0.75 - 0.20) x 100 x £65,000
    low, high = wilson_interval(20, 100)  # 13.3% to 28.9%
    expected = ((0.75 - high) * 100 * 65000, (0.75 - low) * 100 * 65000)
    assert [float(value) for value in avoided.interval] == pytest.approx(expected, abs=5)


def test_it_gives_no_estimate_without_a_baseline(southwark):
    southwark.baseline_reoffending_rate = None
    cohort = Cohort(quarter=None, n=100, reoffenders=20, reoffences=30, median_days_to_first=90)
    assert custody_cost_avoided(southwark, cohort) is None
