"""The client page reads each set once for its header and body (issue 23.4): what it shows must
be what the one rule of each set gives, as the header-only pages (edit, history, timeline) read
it."""

from datetime import date, timedelta

from django.urls import reverse

from clients.models import ClosureReason, Consent, ConsentScope, RiskFlag, RiskFlagType
from tests.factories import CaseFactory, ClientFactory, ConsentFactory, RiskFlagFactory

HEADER_ONLY_PAGES = ["clients:edit", "clients:history", "casework:timeline"]


def pages(client, southwark_client):
    """The client page and the pages that show only the header, by name."""
    names = ["clients:detail", *HEADER_ONLY_PAGES]
    return {name: client.get(reverse(name, args=[southwark_client.pk])) for name in names}


def test_it_shows_the_same_current_case_as_every_header(client, login, alice, southwark_client):
    older = southwark_client.cases.get()
    older.closure_date = date.today() - timedelta(days=5)
    older.closure_reason = ClosureReason.objects.get(name="Completed")
    older.save()
    # Two referrals on one day: the later row is the current one (Case's order, -pk).
    day = date.today() - timedelta(days=3)
    CaseFactory(client=southwark_client, referral_date=day, caseworker=alice)
    newest = CaseFactory(client=southwark_client, referral_date=day, caseworker=None)
    login(alice)
    responses = pages(client, southwark_client)
    for response in responses.values():
        assert response.context["current_case"] == newest
    # The body lists every case, newest first, as the model orders them.
    expected = list(southwark_client.cases.order_by("-referral_date", "-pk"))
    assert responses["clients:detail"].context["cases"] == expected


def test_it_shows_only_active_flags_in_the_header_and_every_flag_below(
    client, login, alice, southwark_client
):
    weapon = RiskFlagType.objects.get(name="Weapon carrying")
    active = [
        RiskFlagFactory(client=southwark_client),
        RiskFlagFactory(client=southwark_client, flag_type=weapon, level="medium"),
    ]
    cleared = RiskFlagFactory(client=southwark_client, flag_type=weapon, cleared_on=date.today())
    RiskFlagFactory(client=ClientFactory(borough=southwark_client.borough))  # someone else's
    login(alice)
    responses = pages(client, southwark_client)
    # Independent recomputation: a flag is active until it is cleared.
    in_order = list(RiskFlag.objects.filter(client=southwark_client))
    expected_active = [flag for flag in in_order if flag.cleared_on is None]
    assert set(expected_active) == set(active)
    for response in responses.values():
        assert response.context["risk_flags"] == expected_active
    detail = responses["clients:detail"]
    assert detail.context["all_risk_flags"] == in_order
    assert cleared in detail.context["all_risk_flags"]
    header = detail.content.decode().split('aria-label="Risk and safeguarding flags"')[1]
    header = header.split("</div>")[0]
    assert "Weapon carrying: Medium" in header and "Weapon carrying: High" not in header


def test_it_shows_the_latest_decision_per_scope_as_current(client, login, alice, southwark_client):
    day = date(2025, 3, 1)
    partners = [
        ConsentFactory(client=southwark_client, date=date(2025, 1, 1), given=True),
        ConsentFactory(client=southwark_client, date=day, given=False),
        # The same day: the later row holds (current()'s -pk).
        ConsentFactory(client=southwark_client, date=day, given=True),
    ]
    jdl = ConsentFactory(client=southwark_client, scope=ConsentScope.JUSTICE_DATA_LAB, date=day)
    evaluation = ConsentFactory(
        client=southwark_client, scope=ConsentScope.EVALUATION, date=date(2024, 1, 1)
    )
    # Another young person's later decision on the same scope changes nothing here.
    ConsentFactory(client=ClientFactory(borough=southwark_client.borough), date=date(2026, 1, 1))
    login(alice)
    context = client.get(reverse("clients:detail", args=[southwark_client.pk])).context
    # The one rule, read on its own: the same rows in the same order.
    assert context["current_consent"] == list(
        Consent.objects.filter(client=southwark_client).current()
    )
    assert set(context["current_consent"]) == {partners[2], jdl, evaluation}
    assert context["consents"] == list(southwark_client.consents.order_by("-date", "-pk"))


def test_it_marks_as_current_exactly_the_latest_decision_per_person_and_scope(southwark):
    people = [ClientFactory(borough=southwark) for _ in range(3)]
    scopes = list(ConsentScope)
    for index in range(18):
        ConsentFactory(
            client=people[index % 3],
            scope=scopes[index % 2],
            date=date(2025, 1, 1) + timedelta(days=index % 4),
            given=index % 5 != 0,
        )
    # Independent recomputation: per young person and scope, the latest date, then latest row.
    latest = {}
    for consent in Consent.objects.all():
        key = (consent.client_id, consent.scope)
        if key not in latest or (consent.date, consent.pk) > (latest[key].date, latest[key].pk):
            latest[key] = consent
    marked = {consent for consent in Consent.objects.with_is_current() if consent.is_current}
    assert marked == set(latest.values()) == set(Consent.objects.current())


def test_it_marks_as_active_exactly_the_flags_not_cleared(southwark):
    person = ClientFactory(borough=southwark)
    for cleared_on in [None, date.today(), None, date.today() - timedelta(days=9)]:
        RiskFlagFactory(client=person, cleared_on=cleared_on)
    marked = [flag for flag in RiskFlag.objects.with_is_active() if flag.is_active]
    assert marked == list(RiskFlag.objects.active())
    assert {flag.cleared_on for flag in marked} == {None} and len(marked) == 2
