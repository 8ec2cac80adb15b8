"""Every figure of the monthly return against the hand-counted month in conftest.py."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.figures import TOTAL, hours, hours_value
from reporting.months import Month
from reporting.selectors import CASEWORKERS, monthly_figures
from tests.factories import CaseFactory, SessionFactory
from tests.reporting.conftest import EXPECTED, MARCH


def columns(table, southwark, croydon):
    return [table.column(str(southwark.pk)), table.column(str(croydon.pk)), table.column(TOTAL)]


def test_it_matches_every_hand_counted_figure(march, southwark, croydon):
    table = monthly_figures(MARCH, [southwark.pk, croydon.pk])
    got = {
        row.key: tuple(column[row.key] for column in columns(table, southwark, croydon))
        for row in table.rows
    }
    for key, expected in EXPECTED.items():
        assert got[key] == expected, key
    unexpected = {
        key: value
        for key, value in got.items()
        if key not in EXPECTED and any(value) and not key.startswith(CASEWORKERS)
    }
    assert unexpected == {}


def test_it_counts_caseload_and_hours_of_everyone_who_worked_in_the_borough(
    march, southwark, croydon, alice, charlie
):
    table = monthly_figures(MARCH, [southwark.pk, croydon.pk])
    got = {
        row.key: tuple(column[row.key] for column in columns(table, southwark, croydon))
        for row in table.rows
        if row.section == CASEWORKERS
    }
    alice_, charlie_ = alice.get_full_name(), charlie.get_full_name()
    assert got == {
        f"{CASEWORKERS}|{alice_}: young people on caseload": (1, 0, 1),  # A
        f"{CASEWORKERS}|{alice_}: hours worked": (190, 0, 190),  # 60 + 90 + 40 for A, absent
        # Charlie is based in Croydon and holds B in Southwark: he is in Southwark's column.
        f"{CASEWORKERS}|{charlie_}: young people on caseload": (1, 1, 2),  # B; G
        f"{CASEWORKERS}|{charlie_}: hours worked": (0, 75, 75),
    }
    southwark_only = monthly_figures(MARCH, [southwark.pk]).column(str(southwark.pk))
    assert southwark_only[f"{CASEWORKERS}|{charlie_}: young people on caseload"] == 1


def test_it_never_counts_work_without_the_young_person_as_seen(southwark, alice):
    absent = CaseFactory(
        client__borough=southwark, referral_date=date(2024, 5, 1), index_date=date(2024, 5, 2)
    )
    SessionFactory(
        case=absent, date=date(2024, 6, 3), duration_minutes=45, contact_type="agency",
        logged_by=alice,
    )  # fmt: skip
    figures = monthly_figures(Month(2024, 6), [southwark.pk]).column(TOTAL)
    one_to_one = {
        key.split("|")[1]: value for key, value in figures.items() if key.startswith("5.")
    }
    assert one_to_one == {
        "Sessions attended": 0,
        "Hours of attended sessions": 0,
        "Young people seen": 0,
        "Sessions not attended (DNA)": 0,
        "Sessions cancelled": 0,
        "Work on a young person's behalf, client absent": 1,
        "Hours of work on a young person's behalf": 45,
        "Total hours worked with and for young people": 45,
    }


def test_it_gives_zeros_not_errors_for_a_month_with_no_activity(march, southwark, croydon):
    table = monthly_figures(Month(2024, 6), [southwark.pk, croydon.pk])
    assert table.rows
    assert all(value == 0 for column in table.values.values() for value in column.values())


def test_it_keeps_to_the_boroughs_asked_for(march, southwark, croydon):
    table = monthly_figures(MARCH, [southwark.pk])
    assert table.columns == [str(southwark.pk), TOTAL]
    assert table.column(TOTAL)["3. Active caseload|Young people supported"] == 2


def test_it_counts_a_client_with_two_cases_once_in_the_total(march, southwark, croydon):
    moved = march["a"].client
    CaseFactory(client=moved, borough=croydon, referral_date=date(2025, 3, 5), index_date=None)
    table = monthly_figures(MARCH, [southwark.pk, croydon.pk])
    referred = [
        column["1. Referrals received|Young people referred"]
        for column in columns(table, southwark, croydon)
    ]
    assert referred == [2, 2, 3]  # one young person referred in both boroughs counts once


def test_it_uses_a_fixed_number_of_queries_whatever_the_data(march, southwark, croydon, alice):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            monthly_figures(MARCH, [southwark.pk, croydon.pk])
        return len(captured)

    before = queries()
    for _ in range(20):
        case = CaseFactory(
            client__borough=southwark,
            referral_date=date(2025, 3, 3),
            index_date=date(2025, 3, 4),
            caseworker=alice,
        )
        SessionFactory(case=case, date=date(2025, 3, 4))
    assert queries() == before


def test_it_rounds_hours_to_one_decimal_half_up_everywhere():
    # 15 and 45 minutes are exact halves of a tenth: half up, never half to even.
    assert [hours(minutes) for minutes in (15, 45, 90, 100, 0)] == [
        "0.3",
        "0.8",
        "1.5",
        "1.7",
        "0.0",
    ]
    assert hours_value(15) == Decimal("0.3")
