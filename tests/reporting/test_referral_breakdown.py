"""Figure 1 broken down by partner kind (referrals accepted from a partner's link) and, for
referrals staff made, by referral source: every column's lines add up to figure 1, checked
against a recomputation from the raw referral rows; each line's drill-down lists exactly its
referrals, within the user's boroughs; the downloads and sign-off carry the lines. Synthetic
people only."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clients.models import Case, ReferralSource
from referrals.models import PartnerKind, SubmissionStatus
from reporting import services
from reporting.figures import TOTAL
from reporting.models import MonthlyReturn
from reporting.selectors import REFERRALS, monthly_figures
from tests.factories import BoroughFactory, CaseFactory, ClientFactory
from tests.referrals.factories import SubmissionFactory
from tests.referrals.test_triage import accept_data
from tests.reporting.conftest import MARCH

FIGURE_1 = f"{REFERRALS}|Young people referred"
RECORDS = reverse("reporting:return_records")


def source(name):
    return ReferralSource.objects.get(name=name)


def staff_referral(borough, day, source_name, person=None):
    person = person or ClientFactory(borough=borough)
    return CaseFactory(
        client=person, borough=borough, referral_date=day, referral_source=source(source_name)
    )


def partner_referral(borough, day, kind, person=None, source_name="Other"):
    """A case opened by accepting a partner's referral; the manager may have chosen any
    referral source for it, and the breakdown still counts it under the partner's kind."""
    case = staff_referral(borough, day, source_name, person)
    SubmissionFactory(
        partner__kind=kind,
        partner__boroughs=[borough],
        borough=borough,
        status=SubmissionStatus.ACCEPTED,
        client=case.client,
        case=case,
    )
    return case


@pytest.fixture
def referred(southwark, croydon):
    """March 2025 in Southwark and Croydon, with the edges: a young person referred twice in
    one borough (by staff, then by a partner), one referred in both boroughs, a partner
    referral the manager gave a staff-like source, and referrals outside the month or in a
    borough not asked for."""
    twice, both = ClientFactory(borough=southwark), ClientFactory(borough=southwark)
    lewisham = BoroughFactory(name="Lewisham")
    return {
        "staff": staff_referral(southwark, date(2025, 3, 3), "Probation"),
        "yot": partner_referral(southwark, date(2025, 3, 1), PartnerKind.YOT),
        "school": partner_referral(southwark, date(2025, 3, 31), PartnerKind.SCHOOL,
                                   source_name="Police"),
        "twice_first": staff_referral(southwark, date(2025, 3, 2), "School", twice),
        "twice_later": partner_referral(southwark, date(2025, 3, 20), PartnerKind.PRISON, twice),
        "both_croydon": staff_referral(croydon, date(2025, 3, 1), "Police", both),
        "both_southwark": partner_referral(southwark, date(2025, 3, 5), PartnerKind.YOT, both),
        "croydon_pru": partner_referral(croydon, date(2025, 3, 9), PartnerKind.PRU),
        "february": partner_referral(southwark, date(2025, 2, 28), PartnerKind.POLICE),
        "april": staff_referral(southwark, date(2025, 4, 1), "Probation"),
        "lewisham": partner_referral(lewisham, date(2025, 3, 10), PartnerKind.COLLEGE),
    }  # fmt: skip


def label_of(case: Case) -> str:
    """The breakdown line a referral belongs to, read from its own rows."""
    submission = getattr(case, "partner_submission", None)
    if submission is not None:
        return f"Referred by a partner: {submission.partner.get_kind_display()}"
    return f"Referred by staff, source: {case.referral_source.name}"


def recomputed(borough_ids: list[int]) -> dict[str, dict[str, int]]:
    """Each column's lines from the raw referral rows, in Python: a young person's first
    referral of the month (date, then id) in the borough, or across the boroughs for the
    total, decides their line."""
    rows = list(
        Case.objects.filter(
            referral_date__range=(MARCH.first, MARCH.last), borough__in=borough_ids
        ).select_related("referral_source", "partner_submission__partner")
    )
    columns = {str(pk): [row for row in rows if row.borough_id == pk] for pk in borough_ids}
    columns[TOTAL] = rows
    result = {}
    for column, cases in columns.items():
        first: dict[int, Case] = {}
        for case in sorted(cases, key=lambda c: (c.referral_date, c.pk)):
            first.setdefault(case.client_id, case)
        lines: dict[str, int] = {}
        for case in first.values():
            lines[label_of(case)] = lines.get(label_of(case), 0) + 1
        result[column] = lines
    return result


def breakdown(table, column: str) -> dict[str, int]:
    values = table.column(column)
    return {
        row.label: values[row.key]
        for row in table.rows
        if row.section == REFERRALS and row.key != FIGURE_1 and values[row.key]
    }


def test_it_breaks_figure_1_down_so_every_column_adds_up(referred, southwark, croydon):
    ids = [southwark.pk, croydon.pk]
    table = monthly_figures(MARCH, ids)
    expected = recomputed(ids)
    for column in table.columns:
        assert breakdown(table, column) == expected[column], column
        assert sum(breakdown(table, column).values()) == table.column(column)[FIGURE_1]
    # Counted by hand from the fixture: the young person referred twice is in the line of
    # their first referral; the one referred in both boroughs is in each borough's line and,
    # in the total, in Croydon's (the earlier).
    assert breakdown(table, str(southwark.pk)) == {
        "Referred by a partner: Youth offending team": 2,
        "Referred by a partner: School": 1,
        "Referred by staff, source: Probation": 1,
        "Referred by staff, source: School": 1,
    }
    assert breakdown(table, TOTAL) == {
        "Referred by a partner: Youth offending team": 1,
        "Referred by a partner: School": 1,
        "Referred by a partner: Pupil referral unit": 1,
        "Referred by staff, source: Probation": 1,
        "Referred by staff, source: School": 1,
        "Referred by staff, source: Police": 1,
    }
    assert table.column(TOTAL)[FIGURE_1] == 6


def test_it_shows_every_partner_kind_even_at_zero(southwark):
    table = monthly_figures(MARCH, [southwark.pk])
    labels = [row.label for row in table.rows if row.section == REFERRALS]
    for kind in PartnerKind:
        assert f"Referred by a partner: {kind.label}" in labels


def drill(client, detail, borough):
    response = client.get(
        RECORDS,
        {"month": str(MARCH), "figure": "referrals", "detail": detail, "borough": borough.pk},
    )
    if response.status_code != 200:
        return response, None
    return response, {case.pk for case in response.context["page"]}


def test_each_lines_drill_down_lists_exactly_its_referrals(
    client, login, admin_user, referred, southwark, croydon
):
    login(admin_user)
    page = client.get(reverse("reporting:return"), {"month": str(MARCH)})
    shown_links = page.content.decode()
    table = monthly_figures(MARCH, [southwark.pk])
    for row in table.rows:
        if row.section != REFERRALS or row.key == FIGURE_1:
            continue
        _response, pks = drill(client, row.detail, southwark)
        expected = {
            case.pk
            for case in Case.objects.filter(
                borough=southwark, referral_date__range=(MARCH.first, MARCH.last)
            ).select_related("referral_source", "partner_submission__partner")
            if label_of(case) == row.label
            and case.pk != referred["twice_later"].pk  # not their first referral of March
        }
        assert pks == expected, row.label
        assert len(pks) == table.column(str(southwark.pk))[row.key]
        if pks:
            assert f"figure=referrals&amp;detail={row.detail}&amp;borough={southwark.pk}" in (
                shown_links
            )
    response, pks = drill(client, f"partner:{PartnerKind.PRU}", croydon)
    assert pks == {referred["croydon_pru"].pk}
    assert "Referred by a partner: Pupil referral unit" in response.content.decode()
    response, _pks = drill(client, f"source:{source('School').pk}", southwark)
    assert "Referred by staff, source: School" in response.content.decode()


def test_it_keeps_the_breakdown_to_the_users_boroughs(
    client, login, manager, referred, southwark, croydon
):
    login(manager)  # Southwark's manager
    context = client.get(reverse("reporting:return"), {"month": str(MARCH)}).context
    assert [column for column, _name, _signed in context["columns"]] == [
        str(southwark.pk),
        TOTAL,
    ]
    lines = {line.row.label: line.cells for _section, ls in context["sections"] for line in ls}
    # Croydon's pupil referral unit referral is not in Southwark's manager's return.
    assert [cell.raw for cell in lines["Referred by a partner: Pupil referral unit"]] == [0, 0]
    response, _pks = drill(client, f"partner:{PartnerKind.PRU}", croydon)
    assert response.status_code == 404


@pytest.mark.parametrize("detail", ["partner:nonsense", "source:x", "yot", "source:999999"])
def test_it_lists_nothing_for_an_unknown_line(client, login, manager, referred, southwark, detail):
    login(manager)
    response, pks = drill(client, detail, southwark)
    assert (response.status_code, pks) == (200, set())


def test_accepting_a_partners_referral_counts_under_its_kind(client, login, manager, southwark):
    held = SubmissionFactory(partner__boroughs=[southwark], partner__kind=PartnerKind.PROBATION)
    login(manager)
    # The manager keeps or changes the referral source; the partner's kind is what counts.
    data = accept_data(held, **{"case-referral_date": "2025-03-12"})
    data["case-referral_source"] = source("School").pk
    assert client.post(reverse("referrals:triage", args=[held.pk]), data).status_code == 302
    held.refresh_from_db()
    assert held.case.client == held.client
    table = monthly_figures(MARCH, [southwark.pk])
    assert breakdown(table, str(southwark.pk)) == {"Referred by a partner: Probation": 1}


def test_the_downloads_and_sign_off_carry_the_breakdown(
    client, login, manager, referred, southwark
):
    login(manager)
    table = monthly_figures(MARCH, [southwark.pk])
    lines = breakdown(table, str(southwark.pk))
    body = client.get(
        reverse("reporting:return_download", args=["csv"]), {"month": str(MARCH)}
    ).content.decode("utf-8-sig")
    in_csv = {row[1]: int(row[2]) for row in csv.reader(io.StringIO(body)) if row[0] == REFERRALS}
    assert {label: n for label, n in in_csv.items() if label in lines} == lines
    book = load_workbook(
        io.BytesIO(
            client.get(
                reverse("reporting:return_download", args=["xlsx"]), {"month": str(MARCH)}
            ).content
        )
    )
    in_xlsx = {row[0]: row[1] for row in book[REFERRALS].iter_rows(min_row=2, values_only=True)}
    assert {label: n for label, n in in_xlsx.items() if label in lines} == lines

    signed = services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    assert {
        key.split("|", 1)[1]: value
        for key, value in signed.figures.items()
        if key.startswith(REFERRALS) and key != FIGURE_1 and value
    } == lines
    # A later change shows against the frozen line, like any other figure.
    partner_referral(southwark, date(2025, 3, 14), PartnerKind.SCHOOL)
    changes = client.get(reverse("reporting:return"), {"month": str(MARCH)}).context["changes"]
    [(_name, _signed, rows)] = changes
    changed = {row.label: (cell.value, cell.changed_to) for row, cell in rows}
    assert changed["Referred by a partner: School"] == ("1", "2")


def test_a_return_signed_before_the_breakdown_shows_its_lines_live_not_as_changes(
    client, login, manager, referred, southwark
):
    signed = services.return_sign_off(borough=southwark, month=MARCH, user=manager)
    MonthlyReturn.objects.filter(pk=signed.pk).update(
        figures={
            key: value
            for key, value in signed.figures.items()
            if not key.startswith(f"{REFERRALS}|Referred by")
        }
    )
    login(manager)
    context = client.get(reverse("reporting:return"), {"month": str(MARCH)}).context
    assert context["changes"] == []
    lines = {line.row.label: line.cells for _section, ls in context["sections"] for line in ls}
    assert lines["Referred by a partner: Youth offending team"][0].value == "2"
