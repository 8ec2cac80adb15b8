"""The Justice Data Lab export, against a hand-counted cohort: index dates from 1 Jan to
30 Jun 2025 in Southwark and Croydon, with episodes on both edges and a day outside each, every
kind of consent history, a referral not yet started and a young person with two episodes.

The unit is the young person: all boroughs, 7 young people in the cohort; 3 included
(Southwark "=cmd" and Okafor, Croydon Brown once, from his first episode to the end of his
support); left out: 1 with no consent recorded, 2 withdrawn, 1 not started.
Southwark alone: 5 in the cohort; 2 included; 1 no consent, 1 withdrawn, 1 not started."""

import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from clients.models import Case, Client, Consent, ConsentScope, ReferralSource
from reporting.justice_data_lab.forms import Cohort
from reporting.justice_data_lab.selectors import HEADERS, LAB_MINIMUM, cohort_counts
from reporting.models import JusticeDataLabExport
from tests.factories import CaseFactory, ClientFactory, ConsentFactory
from tests.watermarks import assert_marked, csv_watermark, without_watermark, xlsx_watermark

PAGE = reverse("reporting:justice_data_lab")
FIRST, LAST = date(2025, 1, 1), date(2025, 6, 30)
RANGE = {"index_from": "2025-01-01", "index_to": "2025-06-30"}
JDL = ConsentScope.JUSTICE_DATA_LAB


def download_url(file_format):
    return reverse("reporting:justice_data_lab_download", args=[file_format])


def episode(borough, index, *, referral=None, closure=None, client=None, consents=(), **person):
    """A support episode starting on `index` (None: not started), with the client's Justice
    Data Lab consent decisions as (date, given) pairs."""
    client = client or ClientFactory(borough=borough, **person)
    for day, given in consents:
        ConsentFactory(client=client, scope=JDL, date=day, given=given)
    return CaseFactory(
        client=client,
        borough=borough,
        referral_date=referral or index - timedelta(days=7),
        index_date=index,
        closure_date=closure,
    )


@pytest.fixture
def cohort(southwark, croydon):
    given = (date(2024, 12, 1), True)
    episode(  # the first day of the range
        southwark,
        FIRST,
        consents=[given],
        last_name="=cmd",
        first_name="Jay",
        date_of_birth=date(2007, 5, 4),
        gender="male",
        pnc_id="08/123456X",
        prison_number="A1234BC",
    )
    episode(  # given, then withdrawn
        southwark, date(2025, 3, 1), consents=[(date(2025, 1, 1), True), (date(2025, 2, 1), False)]
    )
    episode(  # the last day of the range; withdrawn, then given again (recorded late, so the
        # later decision has the lower id); closed since
        southwark,
        LAST,
        closure=date(2025, 7, 20),
        consents=[(date(2025, 2, 1), True), (date(2025, 1, 1), False)],
        last_name="Okafor",
        first_name="Tunde",
        date_of_birth=date(2006, 11, 30),
        gender="female",
    )
    no_jdl_consent = episode(southwark, date(2025, 4, 1))  # consent to other things only
    ConsentFactory(client=no_jdl_consent.client, scope=ConsentScope.SHARE_WITH_PARTNERS)
    episode(southwark, None, referral=date(2025, 5, 1), consents=[given])  # not started
    episode(southwark, date(2024, 12, 31), consents=[given])  # the day before the range
    episode(southwark, date(2025, 7, 1), consents=[given])  # the day after it
    brown = episode(
        croydon,
        date(2025, 2, 15),
        closure=date(2025, 3, 1),
        consents=[given],
        last_name="Brown",
        first_name="Kai",
        date_of_birth=date(2008, 1, 2),
        gender="non_binary",
        pnc_id="2008/1234567Z",
    )
    # Support reopened: still one row, from his first start to the end of his support.
    episode(croydon, date(2025, 5, 10), client=brown.client, closure=date(2025, 6, 20))
    episode(croydon, date(2025, 2, 20), consents=[given, (date(2025, 1, 10), False)])


def counts_on_page(client, **extra):
    return client.get(PAGE, {**RANGE, **extra}).context["counts"]


@pytest.mark.parametrize("persona", ["alice", "manager", "evaluator"])
def test_it_is_for_admins_only(client, login, request, persona, southwark):
    login(request.getfixturevalue(persona))
    assert client.get(PAGE, RANGE).status_code == 403
    form = {**RANGE, "borough": southwark.pk}  # even for their own borough
    assert client.post(download_url("csv"), form).status_code == 403
    assert not JusticeDataLabExport.objects.exists()


def test_it_rejects_get_for_downloads(client, login, admin_user):
    login(admin_user)
    assert client.get(download_url("csv"), RANGE).status_code == 405


def test_it_404s_an_unknown_file_format(client, login, admin_user):
    login(admin_user)
    assert client.post(download_url("pdf"), RANGE).status_code == 404


def test_it_opens_with_the_form_alone(client, login, admin_user):
    login(admin_user)
    response = client.get(PAGE)
    assert response.context["counts"] is None
    assert "Download CSV" not in response.content.decode()


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (datetime(2026, 3, 15, 12), date(2025, 3, 1), date(2026, 2, 28)),
        (datetime(2027, 1, 1, 9), date(2026, 1, 1), date(2026, 12, 31)),
        (datetime(2024, 12, 31, 20), date(2023, 12, 1), date(2024, 11, 30)),
    ],
)
def test_it_opens_on_the_last_twelve_full_months_and_counts_them_as_they_are(
    client, login, admin_user, today, first, last
):
    with time_machine.travel(today.replace(tzinfo=ZoneInfo("Europe/London")), tick=False):
        login(admin_user)
        page = client.get(PAGE).content.decode()
        shown = {
            name: re.search(rf'name="{name}" value="([0-9-]+)"', page).group(1)
            for name in ("index_from", "index_to")
        }
        assert shown == {"index_from": first.isoformat(), "index_to": last.isoformat()}
        # Twelve whole months, recounted: the day before `first` ends the month before it.
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        assert (months, first.day, (last + timedelta(days=1)).day) == (12, 1, 1)
        assert (last + timedelta(days=1)).month == today.month
        # "Count the cohort" straight away sends those dates and counts with no error.
        response = client.get(PAGE, {**shown, "borough": ""})
        assert response.context["form"].errors == {}
        assert response.context["counts"] is not None


def test_it_explains_the_minimum_of_60_before_the_first_count(client, login, admin_user):
    login(admin_user)
    page = client.get(PAGE).content.decode()
    explained = page.index(f"Why at least {LAB_MINIMUM} young people")
    assert explained < page.index("Count the cohort")
    assert "with fewer, the comparison is not reliable" in page


def test_it_counts_all_boroughs_by_consent_and_range_edges(client, login, admin_user, cohort):
    login(admin_user)
    counts = counts_on_page(client)
    assert (counts.cohort, counts.included) == (7, 3)
    assert counts.left_out == [
        ("No Justice Data Lab consent recorded", 1),
        ("Consent withdrawn", 2),
        ("Not started anywhere (no index date)", 1),
    ]


def test_it_counts_one_borough(client, login, admin_user, cohort, southwark):
    login(admin_user)
    counts = counts_on_page(client, borough=southwark.pk)
    assert (counts.cohort, counts.included) == (5, 2)
    assert [count for _reason, count in counts.left_out] == [1, 1, 1]


def test_it_shows_the_counts_and_the_download_buttons(client, login, admin_user, cohort):
    login(admin_user)
    html = client.get(PAGE, RANGE).content.decode()
    assert "Left out: Consent withdrawn</dt><dd" in html
    assert "Download CSV" in html and "Download XLSX" in html
    assert 'name="index_from" value="2025-01-01"' in html


def bulk_cohort(borough, user, size):
    """`size` started episodes with consent given, written in three queries."""
    clients = Client.objects.bulk_create(
        Client(
            first_name=f"Person{n}",
            last_name="Bulk",
            date_of_birth=date(2007, 1, 1),
            gender="male",
            ethnicity="white",
            borough=borough,
        )
        for n in range(size)
    )
    source = ReferralSource.objects.get(name="Probation")
    Case.objects.bulk_create(
        Case(
            client=person,
            borough=borough,
            referral_date=FIRST,
            referral_source=source,
            index_date=date(2025, 2, 1),
        )
        for person in clients
    )
    Consent.objects.bulk_create(
        Consent(client=person, scope=JDL, given=True, date=FIRST, recorded_by=user)
        for person in clients
    )


@pytest.mark.parametrize(("size", "warned"), [(LAB_MINIMUM - 1, True), (LAB_MINIMUM, False)])
def test_it_warns_below_the_labs_minimum_of_60(client, login, admin_user, southwark, size, warned):
    bulk_cohort(southwark, admin_user, size)
    login(admin_user)
    response = client.get(PAGE, RANGE)
    assert response.context["counts"].included == size
    assert ("fewer than the 60 the" in response.content.decode()) is warned


def download(client, file_format, **extra):
    response = client.post(download_url(file_format), {**RANGE, **extra})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response


def watermark_of(response) -> dict[str, str]:
    if response["Content-Type"] == "text/csv":
        return csv_watermark(response.content.decode("utf-8-sig"))
    return xlsx_watermark(load_workbook(io.BytesIO(response.content)))


def test_it_downloads_a_csv_of_the_included_young_people(client, login, admin_user, cohort):
    login(admin_user)
    response = download(client, "csv")
    assert response["Content-Type"] == "text/csv"
    text = without_watermark(response.content.decode("utf-8-sig"))
    header, *rows = csv.reader(io.StringIO(text))
    assert header == HEADERS
    by_surname_and_start = sorted(rows, key=lambda row: (row[0], row[6][6:] + row[6][3:5]))
    assert by_surname_and_start == [
        ["'=cmd", "Jay", "04/05/2007", "Male", "08/123456X", "A1234BC"]
        + ["01/01/2025", "", "Southwark"],
        ["Brown", "Kai", "02/01/2008", "Non-binary", "2008/1234567Z", ""]
        + ["15/02/2025", "20/06/2025", "Croydon"],
        ["Okafor", "Tunde", "30/11/2006", "Female", "", ""]
        + ["30/06/2025", "20/07/2025", "Southwark"],
    ]


def test_it_downloads_one_borough(client, login, admin_user, cohort, croydon):
    login(admin_user)
    response = download(client, "csv", borough=croydon.pk)
    text = without_watermark(response.content.decode("utf-8-sig"))
    _header, *rows = csv.reader(io.StringIO(text))
    assert [row[0] for row in rows] == ["Brown"]


def test_it_writes_a_clean_xlsx_with_formulas_escaped(client, login, admin_user, cohort):
    login(admin_user)
    book = load_workbook(io.BytesIO(download(client, "xlsx").content))
    assert book.sheetnames == ["About this file", "Participants"]
    assert [sheet.sheet_state for sheet in book.worksheets] == ["visible", "visible"]
    assert len(book.defined_names) == 0
    assert book.properties.creator == "SOS Casework"
    assert book.properties.lastModifiedBy == "SOS Casework"
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.comment is None for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
    header, *rows = book["Participants"].iter_rows(values_only=True)
    assert list(header) == HEADERS
    escaped = next(row for row in rows if row[1] == "Jay")
    assert escaped[0] == "'=cmd"
    assert escaped[6].date() == FIRST
    assert escaped[7] is None  # still open


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_watermarks_the_download_with_who_when_and_its_audit_row(
    client, login, admin_user, cohort, file_format
):
    login(admin_user)
    since = timezone.now()
    fields = watermark_of(download(client, file_format))
    export = JusticeDataLabExport.objects.get()
    reference = f"Justice Data Lab export {export.pk}"
    assert_marked(fields, user=admin_user, since=since, reference=reference)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_escapes_a_formula_in_the_name_on_the_watermark(
    client, login, admin_user, cohort, file_format
):
    admin_user.first_name = '=HYPERLINK("http://evil.invalid","x")'
    admin_user.save()
    login(admin_user)
    fields = watermark_of(download(client, file_format))
    assert fields["Prepared for"].startswith("'=HYPERLINK(")


def test_it_keeps_the_downloading_admin_out_of_the_xlsx_properties(
    client, login, admin_user, cohort
):
    login(admin_user)
    content = download(client, "xlsx").content
    with zipfile.ZipFile(io.BytesIO(content)) as parts:
        names = [name for name in parts.namelist() if name.startswith("docProps/")]
        properties = [parts.read(name).decode() for name in names]
    assert len(properties) == 2  # core.xml and app.xml
    for text in properties:
        assert admin_user.last_name not in text and admin_user.email not in text
    book = load_workbook(io.BytesIO(content))
    assert admin_user.email in xlsx_watermark(book)["Prepared for"]  # on the cover instead


def test_it_audits_each_download_without_personal_values(
    client, login, admin_user, cohort, southwark
):
    login(admin_user)
    download(client, "csv", borough=southwark.pk)
    download(client, "xlsx")
    exports = list(JusticeDataLabExport.objects.order_by("pk"))
    summary = [
        (e.downloaded_by, e.file_format, e.index_from, e.index_to, e.borough, e.row_count)
        for e in exports
    ]
    assert summary == [
        (admin_user, "csv", FIRST, LAST, southwark, 2),
        (admin_user, "xlsx", FIRST, LAST, None, 3),
    ]
    stored = " ".join(str(model_to_dict(export)) for export in exports)
    for personal in ["cmd", "Jay", "Okafor", "Brown", "2007-05-04", "08/123456X", "A1234BC"]:
        assert personal not in stored
    html = client.get(PAGE).content.decode()
    assert "1 Jan 2025 to 30 Jun 2025" in html and "All boroughs" in html


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"index_from": "2025-06-30", "index_to": "2025-01-01"}, "index_to", "before its start"),
        ({"index_from": "2025-01-01", "index_to": "2999-01-01"}, "index_to", "in the future"),
        ({"index_from": "2999-01-01", "index_to": "2999-02-01"}, "index_from", "in the future"),
        ({**RANGE, "borough": "999999"}, "borough", "Select a valid choice"),
        ({**RANGE, "borough": "abc"}, "borough", "Select a valid choice"),
        ({"index_from": "31/02/2025", "index_to": "2025-06-30"}, "index_from", "not a real date"),
    ],
)
def test_it_explains_bad_input_beside_the_field(client, login, admin_user, form, field, message):
    login(admin_user)
    page = client.get(PAGE, form)
    assert page.status_code == 200
    assert page.context["counts"] is None
    assert message in " ".join(page.context["form"].errors[field])
    for name in ["index_from", "index_to"]:  # nothing typed is lost
        assert f'value="{form[name]}"' in page.content.decode()
    refused = client.post(download_url("csv"), form)
    assert refused.status_code == 400
    assert message in " ".join(refused.context["form"].errors[field])
    assert not JusticeDataLabExport.objects.exists()


def test_it_counts_in_one_query(admin_user, cohort, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = cohort_counts(Cohort(FIRST, LAST, None), admin_user)
    assert counts.included == 3


@pytest.mark.parametrize("extra", [0, 20])
def test_it_builds_the_page_in_a_fixed_number_of_queries(
    client, login, admin_user, cohort, southwark, django_assert_num_queries, extra
):
    bulk_cohort(southwark, admin_user, extra)
    for _ in range(extra // 10):
        JusticeDataLabExport.objects.create(
            downloaded_by=admin_user, file_format="csv", index_from=FIRST, index_to=LAST,
            borough=southwark, row_count=1,
        )  # fmt: skip
    login(admin_user)
    # session, user, 2FA device; the chosen borough (form); the cohort's counts; borough
    # choices; past exports with who and which borough
    with django_assert_num_queries(7):
        client.get(PAGE, {**RANGE, "borough": southwark.pk})


def test_it_is_linked_from_the_monthly_return_for_admins(client, login, admin_user, manager):
    login(admin_user)
    assert PAGE in client.get(reverse("reporting:return")).content.decode()
    login(manager)
    assert PAGE not in client.get(reverse("reporting:return")).content.decode()


def test_it_sends_a_young_person_once_from_their_first_start(admin_user, southwark, croydon):
    earlier = episode(southwark, date(2024, 11, 1), consents=[(date(2024, 10, 1), True)])
    # Their second episode starts in the range, in Croydon: they entered in November 2024.
    episode(croydon, date(2025, 3, 1), client=earlier.client)
    assert cohort_counts(Cohort(FIRST, LAST, croydon), admin_user).cohort == 0
    assert cohort_counts(Cohort(FIRST, LAST, None), admin_user).cohort == 0
    november = Cohort(date(2024, 11, 1), LAST, None)
    assert (cohort_counts(november, admin_user).included) == 1
