"""The summary at the top of the return in the CSV and XLSX downloads, equal to the page's,
and in what sign-off freezes: data changed after sign-off leaves the frozen summary as it was,
and the return lists each changed summary value with its change. Synthetic data only."""

import csv
import html
import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import services
from reporting.exports import SUMMARY
from reporting.headlines import HEADLINES
from reporting.models import MonthlyReturn
from reporting.months import Month
from sos.models import Role
from tests.factories import CaseFactory, SessionFactory, UserFactory
from tests.reporting.conftest import MARCH

RETURN = reverse("reporting:return")
NEW_STARTS = "Young people starting support"
HOURS = "Hours worked with and for young people (hours)"


def starts(borough, *days):
    for day in days:
        CaseFactory(client__borough=borough, borough=borough, referral_date=day, index_date=day)


def supported_since_2024(borough):
    """A young person whose support started before the contract year (not a new start)."""
    day = date(2024, 6, 3)
    return CaseFactory(client__borough=borough, borough=borough, referral_date=day, index_date=day)


@pytest.fixture
def both_boroughs(southwark, croydon):
    return UserFactory(role=Role.MANAGER, boroughs=[southwark, croydon])


@pytest.fixture
def year(southwark, croydon, admin_user):
    """New starts in Southwark in March 2024, February and March 2025; one in Croydon in
    March 2025; 90 minutes of work in Southwark in March 2025; Southwark's contract year from
    January 2025 has targets for new starts (36) and hours (120)."""
    starts(southwark, date(2024, 3, 12), date(2025, 2, 5), date(2025, 3, 5), date(2025, 3, 10))
    starts(croydon, date(2025, 3, 2))
    case = supported_since_2024(southwark)
    SessionFactory(case=case, date=date(2025, 3, 11), duration_minutes=90)
    for figure, value in [("new_starts", 36), ("hours", 120)]:
        services.target_set(
            borough=southwark, figure=figure, year_start=Month(2025, 1), value=value,
            user=admin_user,
        )  # fmt: skip


def download(client, file_format):
    return client.get(
        reverse("reporting:return_download", args=[file_format]), {"month": str(MARCH)}
    )


def csv_summary(client) -> dict[str, list[str]]:
    body = download(client, "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][2:] == ["Croydon", "Southwark", "Total"]
    return {row[1]: row[2:] for row in rows if row[0] == SUMMARY}


def page_summary(client) -> dict[tuple[str, str], list[str]]:
    """{(headline, borough): [this month, last month, same month last year, progress]} as the
    page's HTML shows them, tags stripped."""
    text = client.get(RETURN, {"month": str(MARCH)}).content.decode()
    shown = {}
    for block in text.split('class="row g-3 mb-3 summary-figure"')[1:]:
        headline = html.unescape(re.search(r'<h3 class="h6">(.*?)</h3>', block).group(1))
        for name, cells in re.findall(
            r'<th scope="row" class="fw-normal">([^<]*)</th>((?:\s*<td[^>]*>.*?</td>){4})', block
        ):
            values = re.findall(r"<td[^>]*>(.*?)</td>", cells)
            shown[(headline, html.unescape(name))] = [
                html.unescape(re.sub(r"<[^>]+>", "", value)).strip() for value in values
            ]
    return shown


def as_page_shows(lines: dict[str, list[str]], headline: str, column: int) -> list[str]:
    """The page's four cells rebuilt from the download's lines of one headline and column."""

    def line(what):
        return lines[f"{headline}: {what}"][column]

    if line("against target") == "No target":
        progress = "No target"
    else:
        left = line("months left")
        progress = (
            f"{line('against target')}: {line('year to date')} against "
            f"{line('target pro rata')} pro rata of {line('target for the year')}"
            + (f", {left} month{'' if left == '1' else 's'} left" if left else "")
        )
    return [line("this month"), line("last month"), line("same month last year"), progress]


def test_the_downloads_carry_the_summary_the_page_shows(client, login, both_boroughs, year):
    login(both_boroughs)
    lines = csv_summary(client)
    page = page_summary(client)
    headlines = [
        headline.label + (" (hours)" if headline.unit == "minutes" else "")
        for headline in HEADLINES
    ]
    assert len(page) == len(headlines) * 3  # Croydon, Southwark and the total, each headline
    for headline in headlines:
        for column, name in enumerate(["Croydon", "Southwark", "Total"]):
            assert as_page_shows(lines, headline, column) == page[(headline, name)], (
                headline,
                name,
            )
    # Counted by hand: Southwark has 2 new starts in March, 1 in February, 1 in March 2024,
    # 3 in its contract year so far against 9 pro rata (36 over 12 months, 3 gone), 1.5 hours
    # against 30 pro rata of 120.
    assert lines[f"{NEW_STARTS}: this month"] == ["1", "2", "3"]
    assert lines[f"{NEW_STARTS}: same month last year"] == ["0", "1", "1"]
    assert [lines[f"{NEW_STARTS}: {what}"][1] for what in [
        "year to date", "target pro rata", "target for the year", "against target", "months left"
    ]] == ["3", "9", "36", "Behind", "9"]  # fmt: skip
    assert lines[f"{HOURS}: year to date"] == ["", "1.5", ""]  # Croydon has no hours target
    assert lines[f"{HOURS}: against target"] == ["No target", "Behind", "No target"]

    book = load_workbook(io.BytesIO(download(client, "xlsx").content))
    assert book.sheetnames[:2] == ["Cover", SUMMARY]
    sheet = book[SUMMARY]
    assert [cell.value for cell in sheet[1]] == ["Figure", "Croydon", "Southwark", "Total"]
    in_sheet = {row[0]: list(row[1:]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert list(in_sheet) == list(lines)
    for label, values in lines.items():
        # Numbers are numbers in the sheet (7, 1.5), words stay words; a blank stays blank.
        assert [as_number(v) for v in in_sheet[label]] == [as_number(v) for v in values], label
    assert isinstance(in_sheet[f"{NEW_STARTS}: this month"][1], int)


def as_number(value):
    if value in (None, ""):
        return ""
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value


def test_sign_off_freezes_the_summary_and_the_return_lists_what_changed(
    client, login, manager, year, southwark
):
    signed = services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    as_signed = dict(signed.summary)
    assert as_signed["new_starts"] == {
        "this_month": 2, "last_month": 1, "last_year": 1,
        "year_to_date": 3, "target": 36, "elapsed": 3,
    }  # fmt: skip
    assert as_signed["hours"]["year_to_date"] == 90  # minutes, as the figures are kept

    # Late records: a start in March and 45 more minutes of work in February.
    starts(southwark, date(2025, 3, 20))
    case = supported_since_2024(southwark)
    SessionFactory(case=case, date=date(2025, 2, 14), duration_minutes=45)

    assert MonthlyReturn.objects.get(pk=signed.pk).summary == as_signed  # never changed silently
    login(manager)
    response = client.get(RETURN, {"month": str(MARCH)})
    listed = {
        (label, what): (was, now, delta)
        for label, _name, what, was, now, delta in response.context["summary_changes"]
    }
    assert listed == {
        (NEW_STARTS, "this month"): ("2", "3", "+1"),
        (NEW_STARTS, "year to date"): ("3", "4", "+1"),
        ("Hours worked with and for young people", "last month"): ("0.0", "0.8", "+0.8"),
        ("Hours worked with and for young people", "year to date"): ("1.5", "2.3", "+0.8"),
    }
    page = response.content.decode()
    assert f"{NEW_STARTS}, Southwark, this month: signed 2, now 3 (+1)" in page
    # The downloads are the records as they are now, like the page's summary.
    assert csv_summary_one(client)[f"{NEW_STARTS}: this month"] == ["3", "3"]

    revised = services.return_sign_off(borough=southwark, month=MARCH, user=manager, note="late")
    assert (revised.version, revised.summary["new_starts"]["this_month"]) == (2, 3)
    assert MonthlyReturn.objects.get(pk=signed.pk).summary == as_signed
    assert client.get(RETURN, {"month": str(MARCH)}).context["summary_changes"] == []


def csv_summary_one(client) -> dict[str, list[str]]:
    body = download(client, "csv").content.decode("utf-8-sig")
    return {row[1]: row[2:] for row in csv.reader(io.StringIO(body)) if row[0] == SUMMARY}
