import pytest

from exports.models import ExportJob
from gdpr.models import ErasureRequest
from imports.models import ImportRun
from referrals.models import SubmissionStatus
from sos.models import Role
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    GoalFactory,
    GroupSessionFactory,
    OffenceFactory,
    OutcomeFactory,
    PasskeyFactory,
    RiskFlagFactory,
    SessionFactory,
    UserFactory,
)
from tests.referrals.factories import SubmissionFactory, partner_with_link
from tests.security.routes import route_urls

# Marks written into every name and free-text field of one borough's sample records, so a
# response body can be searched for any of that borough's personal data at once.
CANARIES = {"Southwark": "Qzswkcanary", "Croydon": "Qzcrdcanary"}


@pytest.fixture
def routes(alice, southwark, southwark_client):
    """(route name, sample URL) for every route the project has, with sample records of
    alice's borough for the routes that take one."""
    case = southwark_client.cases.get()
    partner, token = partner_with_link(boroughs=[southwark])
    objects = {
        "partner": partner,
        "referral_token": token,
        "submission": SubmissionFactory(partner=partner),
        "alice": alice,
        "southwark": southwark,
        "client": southwark_client,
        "case": case,
        "session": SessionFactory(case=case),
        "passkey": PasskeyFactory(user=alice),
        "risk_flag": RiskFlagFactory(client=southwark_client),
        "goal": GoalFactory(case=case),
        "outcome": OutcomeFactory(case=case),
        "group_session": GroupSessionFactory(borough=southwark),
        "import_run": ImportRun.objects.create(
            kind="clients", file_name="sample.csv", content=b"", imported_by=alice
        ),
        "export_job": ExportJob.objects.create(requested_by=alice),
        "erasure": ErasureRequest.objects.create(
            client=southwark_client, requested_by=alice, reason="sample"
        ),
    }
    return route_urls(objects)


def borough_records(borough, *, caseworker, importer, admin) -> dict:
    """One of every record a route can take, in `borough`, with its canary in every name and
    free-text field (special-category notes and offence details included)."""
    canary = CANARIES[borough.name]
    case = CaseFactory(
        client__borough=borough,
        client__first_name=f"{canary}first",
        client__last_name=f"{canary}last",
        client__special_category_notes=f"{canary} special category",
        caseworker=caseworker,
        referral_reason=f"{canary} referral reason",
    )
    client = case.client
    partner, token = partner_with_link(boroughs=[borough])
    OffenceFactory(client=client, notes=f"{canary} offence details", recorded_by=caseworker)
    ConsentFactory(client=client, notes=f"{canary} consent notes", recorded_by=caseworker)
    return {
        "partner": partner,
        "referral_token": token,
        # Waiting for triage: no one's client yet, so nothing retention or subject access
        # of `client` should touch (no canary).
        "submission": SubmissionFactory(partner=partner),
        "accepted_referral": accepted_referral(partner, client, canary),
        "alice": caseworker,
        "admin": admin,
        "southwark": borough,
        "client": client,
        "case": case,
        "session": SessionFactory(case=case, notes=f"{canary} session notes"),
        # The borough's caseworker's own passkey: nobody else's account page may touch it. No
        # canary: it is staff data, not a young person's, and outlives their anonymisation.
        "passkey": PasskeyFactory(user=caseworker),
        "risk_flag": RiskFlagFactory(client=client, notes=f"{canary} risk notes"),
        "goal": GoalFactory(case=case, description=f"{canary} goal"),
        "outcome": OutcomeFactory(case=case, evidence=f"{canary} evidence"),
        "group_session": GroupSessionFactory(borough=borough),
        "import_run": ImportRun.objects.create(
            kind="clients", file_name="sample.csv", content=b"", imported_by=importer
        ),
        # Requested by the admin, so approving it as that admin is refused and changes nothing.
        "erasure": ErasureRequest.objects.create(client=client, requested_by=admin, reason="x"),
        "export_job": ExportJob.objects.create(requested_by=admin),
    }


def accepted_referral(partner, client, canary):
    """A partner's referral of `client`, accepted after it was held (so its first history
    snapshot predates the link to the client), with the canary in its personal fields."""
    referral = SubmissionFactory(
        partner=partner,
        first_name=f"{canary}first",
        reason=f"{canary} referral reason",
        known_risks=f"{canary} risks",
    )
    referral.client, referral.status = client, SubmissionStatus.ACCEPTED
    referral.save()
    return referral


@pytest.fixture
def records_by_borough(southwark, croydon, alice, charlie, manager, admin_user):
    """Sample records of Southwark and of Croydon, keyed by borough name. Each borough's import
    is its own manager's (imports are seen only by whoever uploaded them)."""
    croydon_manager = UserFactory(role=Role.MANAGER, boroughs=[croydon])
    return {
        "Southwark": borough_records(
            southwark, caseworker=alice, importer=manager, admin=admin_user
        ),
        "Croydon": borough_records(
            croydon, caseworker=charlie, importer=croydon_manager, admin=admin_user
        ),
    }


@pytest.fixture
def routes_by_borough(records_by_borough):
    """(route name, sample URL) for every route, filled with each borough's records."""
    return {name: route_urls(objects) for name, objects in records_by_borough.items()}
