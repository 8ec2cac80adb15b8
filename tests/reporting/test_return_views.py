import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reporting import selectors
from reporting.models import MonthlyReturn
from reporting.months import Month
from tests.factories import BoroughFactory, CaseFactory, SessionFactory
from tests.keyset_pages import every_page
from tests.reporting.conftest import MARCH

RETURN = reverse("reporting:return")
ACTIVE = "3. Active caseload|Young people supported"


@pytest.mark.parametrize("persona", ["alice", "evaluator"])
@pytest.mark.parametrize(
    "url",
    [
        RETURN,
        reverse("reporting:return_team"),
        reverse("reporting:return_records") + "?figure=referrals",
        reverse("reporting:return_download", args=["csv"]),
    ],
)
def test_it_is_for_managers_and_admins(client, login, request, persona, url):
    login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


def test_it_shows_the_managers_boroughs_and_a_total(client, login, manager, march, southwark):
    login(manager)
    response = client.get(RETURN, {"month": str(MARCH)})
    assert [name for _c, name, _s in response.context["columns"]] == ["Southwark", "Total"]
    assert "Croydon" not in response.content.decode()


def test_it_links_each_figure_to_the_records_behind_it(client, login, manager, march, southwark):
    login(manager)
    html = client.get(RETURN, {"month": str(MARCH)}).content.decode()
    assert "figure=new_starts&amp;detail=&amp;borough=" in html
    records = client.get(
        reverse("reporting:return_records"),
        {"month": str(MARCH), "figure": "active", "borough": southwark.pk},
    )
    names = {case.client.pk for case in records.context["page"]}
    assert names == {march["a"].client_id, march["b"].client_id}


def test_it_keeps_drill_downs_to_the_users_boroughs(client, login, manager, march, croydon):
    login(manager)
    records = client.get(
        reverse("reporting:return_records"),
        {"month": str(MARCH), "figure": "active", "borough": croydon.pk},
    )
    assert records.status_code == 404


def add_sessions(case, count, day=date(2025, 3, 15)):
    for _ in range(count):
        SessionFactory(case=case, date=day)


def test_it_pages_through_a_figures_records_once_keeping_the_figure(
    client, login, manager, march, southwark, alice
):
    case = CaseFactory(client__borough=southwark, borough=southwark, caseworker=alice)
    for day in range(1, 31):
        add_sessions(case, 2, date(2025, 3, day))  # two a day: ties on the date
    add_sessions(case, 2, date(2025, 4, 1))  # another month
    login(manager)
    url = reverse("reporting:return_records")
    query = {"month": str(MARCH), "figure": "sessions", "detail": "attended"}
    shown, page, params = every_page(
        client, url, {**query, "borough": southwark.pk}, kept=["figure=sessions"]
    )
    # Attended: the young person took part; the fixture's agency meeting without them is not.
    expected = selectors.sessions(MARCH).filter(attendance="attended", case__borough=southwark)
    expected = expected.exclude(contact_type="agency")
    assert [s.pk for s in shown] == list(
        expected.order_by("date", "pk").values_list("pk", flat=True)
    )
    assert len(shown) > 50
    back = client.get(url, {**params, "after": "", "before": page.previous_key})
    assert list(back.context["page"]) == shown[:50]


@pytest.mark.parametrize("extra_cases", [0, 60])
def test_it_lists_a_figures_records_in_a_fixed_number_of_queries(
    client, login, manager, march, southwark, alice, django_assert_num_queries, extra_cases
):
    for _ in range(extra_cases):
        CaseFactory(client__borough=southwark, referral_date=date(2025, 3, 2), caseworker=alice)
    login(manager)
    # session, user, 2FA device, boroughs; count (capped at 1,001 rows), page of cases (a
    # keyset page, no OFFSET, with client, borough, closure reason and caseworker); the audit
    # context (pghistory)
    with django_assert_num_queries(7):
        response = client.get(
            reverse("reporting:return_records"), {"month": str(MARCH), "figure": "referrals"}
        )
    assert len(response.context["page"]) == min(extra_cases + 2, 50)


def test_it_404s_an_unknown_figure(client, login, manager):
    login(manager)
    response = client.get(reverse("reporting:return_records"), {"figure": "nonsense"})
    assert response.status_code == 404


@pytest.mark.parametrize("extra_cases", [0, 15])
def test_it_builds_the_return_in_a_fixed_number_of_queries(
    client, login, manager, march, southwark, alice, django_assert_num_queries, extra_cases
):
    for _ in range(extra_cases):
        case = CaseFactory(
            client__borough=southwark,
            referral_date=date(2025, 3, 2),
            index_date=date(2025, 3, 2),
            caseworker=alice,
        )
        SessionFactory(case=case, date=date(2025, 3, 2))
    login(manager)
    # session, user, 2FA device, boroughs; the figures (15: one per breakdown, per borough
    # and total together through GROUPING SETS -- referrals, new starts, active caseload,
    # closures, one-to-one, group work, interventions, outcomes, offences, age band, gender,
    # ethnicity -- plus the three reference lists); figure 1 by partner kind and referral
    # source (3: the boroughs' columns, the total across them, the referral sources); figure
    # 11 (3: caseload per caseworker, hours per caseworker, the staff who worked there);
    # signed returns (2: this month's and the versions list); borough choices; the summary
    # (6: the contract targets, and one
    # query per headline figure -- new starts, hours, ETE outcomes, accommodation outcomes,
    # workshops -- covering all 13 months it needs, per borough and in total)
    with django_assert_num_queries(34):
        client.get(RETURN, {"month": str(MARCH)})


def sign_off(client, borough, month=MARCH, note=""):
    return client.post(
        reverse("reporting:return_sign_off"),
        {"month": str(month), "borough": borough.pk, "note": note},
        follow=True,
    )


def test_it_refuses_to_sign_off_a_month_that_has_not_ended(client, login, manager, southwark):
    login(manager)
    response = sign_off(client, southwark, Month.of(timezone.localdate()))
    assert "provisional and cannot be signed off" in response.content.decode()
    assert not MonthlyReturn.objects.exists()


def test_it_freezes_the_figures_and_shows_exactly_what_changed(
    client, login, manager, march, southwark
):
    login(manager)
    sign_off(client, southwark)
    frozen = MonthlyReturn.objects.get()
    assert (frozen.version, frozen.signed_off_by, frozen.figures[ACTIVE]) == (1, manager, 2)

    # A late edit: another young person's support started in March.
    CaseFactory(
        client__borough=southwark, referral_date=date(2025, 3, 3), index_date=date(2025, 3, 4)
    )
    response = client.get(RETURN, {"month": str(MARCH)})
    [(name, signed, rows)] = response.context["changes"]
    changed = {row.key: (cell.value, cell.changed_to, cell.delta) for row, cell in rows}
    assert changed == {
        "1. Referrals received|Young people referred": ("2", "3", "+1"),
        "1. Referrals received|Referred by staff, source: Probation": ("2", "3", "+1"),
        "2. New starts|Young people starting support": ("1", "2", "+1"),
        ACTIVE: ("2", "3", "+1"),
        "10a. New starts by age band|Under 16": ("1", "2", "+1"),
        "10b. New starts by gender|Male": ("1", "2", "+1"),
        "10c. New starts by ethnicity|Black, Black British, Caribbean or African": (
            "1",
            "2",
            "+1",
        ),
    }
    frozen.refresh_from_db()
    assert frozen.figures[ACTIVE] == 2  # never changed silently


def test_it_issues_a_revised_return_and_keeps_the_earlier_one(
    client, login, manager, march, southwark
):
    login(manager)
    sign_off(client, southwark)
    response = sign_off(client, southwark)
    assert "already signed off with these figures" in response.content.decode()
    CaseFactory(
        client__borough=southwark, referral_date=date(2025, 3, 3), index_date=date(2025, 3, 4)
    )
    sign_off(client, southwark, note="A late referral")
    versions = list(MonthlyReturn.objects.order_by("version").values_list("version", flat=True))
    assert versions == [1, 2]
    html = client.get(RETURN, {"month": str(MARCH)}).content.decode()
    assert "version 1" in html and "version 2" in html and "A late referral" in html


def test_it_404s_signing_off_another_borough(client, login, manager, croydon):
    login(manager)
    response = client.post(
        reverse("reporting:return_sign_off"), {"month": str(MARCH), "borough": croydon.pk}
    )
    assert response.status_code == 404


def test_it_rejects_get_on_sign_off(client, login, manager):
    login(manager)
    assert client.get(reverse("reporting:return_sign_off")).status_code == 405


def test_it_downloads_a_clean_xlsx_with_a_cover_sheet(client, login, manager, march):
    login(manager)
    response = client.get(
        reverse("reporting:return_download", args=["xlsx"]), {"month": str(MARCH)}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Cover"
    assert book["Cover"]["B1"].value == "March 2025"
    assert all(sheet.sheet_state == "visible" for sheet in book.worksheets)
    assert not book.defined_names
    assert not any(
        cell.comment for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    )
    assert book.properties.creator == "SOS Casework"
    active = book["3. Active caseload"]
    assert [cell.value for cell in active[2]] == ["Young people supported", 2, 2]


def test_it_downloads_aggregates_only_with_no_personal_data(client, login, manager, march):
    for n, case in enumerate(march.values()):
        case.client.first_name, case.client.last_name = f"Canaryfirst{n}", f"Canarylast{n}"
        case.client.postcode = "ZZ9 9ZZ"
        case.client.save()
    login(manager)
    for file_format in ["csv", "xlsx"]:
        response = client.get(
            reverse("reporting:return_download", args=[file_format]), {"month": str(MARCH)}
        )
        text = response.content.decode("utf-8", "ignore")
        if file_format == "xlsx":
            book = load_workbook(io.BytesIO(response.content))
            text = " ".join(
                str(cell.value)
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
            )
        assert "Canary" not in text and "ZZ9 9ZZ" not in text
    assert (
        "Young people supported,2,2"
        in client.get(
            reverse("reporting:return_download", args=["csv"]), {"month": str(MARCH)}
        ).content.decode()
    )


def test_it_escapes_formulas_in_every_cell(client, login, admin_user):
    BoroughFactory(name="=HYPERLINK(evil)")
    login(admin_user)
    body = client.get(
        reverse("reporting:return_download", args=["csv"]), {"month": str(MARCH)}
    ).content.decode()
    assert "'=HYPERLINK(evil)" in body


def test_it_puts_caseload_and_hours_per_caseworker_in_the_download_and_sign_off(
    client, login, manager, southwark, charlie, march
):
    login(manager)
    body = client.get(
        reverse("reporting:return_download", args=["csv"]),
        {"month": str(MARCH), "borough": southwark.pk},
    ).content.decode()
    # Charlie is based in Croydon and holds a Southwark case: he is in Southwark's return.
    line = f"11. Caseload and hours per caseworker,{charlie.get_full_name()}: young people"
    assert f"{line} on caseload,1,1" in body
    sign_off(client, southwark)
    frozen = MonthlyReturn.objects.get(borough=southwark, month=MARCH.first).figures
    key = f"11. Caseload and hours per caseworker|{charlie.get_full_name()}: young people"
    assert frozen[f"{key} on caseload"] == 1


def test_it_shows_caseload_and_hours_per_caseworker(client, login, manager, alice, march):
    login(manager)
    members = client.get(reverse("reporting:return_team"), {"month": str(MARCH)}).context["members"]
    alices = next(member for member in members if member.pk == alice.pk)
    assert (alices.caseload, alices.minutes, alices.hours) == (1, 190, "3.2")
