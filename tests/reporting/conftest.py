"""A hand-counted month (March 2025) in Southwark and Croydon, with its edges: cases starting
and ending on the first and last day, an open case, a case ending the day before, a referral
with no start, a client who moved borough, DNA and cancelled sessions, a session across
midnight at month end, group work with no individual clients. The expected figures are in
EXPECTED, counted by hand from the records below."""

from datetime import date, time

import pytest

from casework.models import InterventionType, OutcomeType
from clients.models import ClosureReason
from reporting.months import Month
from tests.factories import (
    CaseFactory,
    ClientFactory,
    GroupSessionFactory,
    JusticeEventFactory,
    OffenceFactory,
    OutcomeFactory,
    SessionFactory,
)

MARCH = Month(2025, 3)


def event(offence, kind, day):
    return JusticeEventFactory(offence=offence, kind=kind, date=day)


def case(
    borough, referral, index=None, closure=None, reason="Completed", caseworker=None, **client
):
    person = ClientFactory(borough=borough, **client)
    return CaseFactory(
        client=person,
        borough=borough,
        caseworker=caseworker,
        referral_date=referral,
        index_date=index,
        closure_date=closure,
        closure_reason=ClosureReason.objects.get(name=reason) if closure else None,
    )


@pytest.fixture
def march(southwark, croydon, alice, charlie):
    kinds = {
        name: InterventionType.objects.get(name=name)
        for name in ["CV workshop", "Housing application", "Gang exit plan"]
    }
    a = case(
        southwark,
        date(2025, 3, 1),
        date(2025, 3, 1),
        caseworker=alice,
        date_of_birth=date(2009, 3, 2),
        gender="male",
        ethnicity="black",
    )
    # Allocated to Charlie, who is based in Croydon: he worked in Southwark too (figure 11).
    b = case(southwark, date(2025, 2, 10), date(2025, 2, 15), date(2025, 3, 31), caseworker=charlie)
    c = case(southwark, date(2025, 1, 5), date(2025, 1, 10), date(2025, 2, 28))
    case(southwark, date(2025, 3, 31))  # referred on the last day, not started
    case(southwark, date(2024, 12, 1), date(2025, 4, 1))  # starts after March
    f = case(croydon, date(2025, 2, 1), date(2025, 2, 3))
    f.client.borough = southwark  # moved borough later: the case still counts in Croydon
    f.client.save()
    g = case(
        croydon,
        date(2025, 3, 15),
        date(2025, 3, 20),
        date(2025, 3, 25),
        "Disengaged",
        caseworker=charlie,
        date_of_birth=date(2005, 3, 20),
        gender="female",
        ethnicity="white",
    )

    attended = SessionFactory(case=a, date=date(2025, 3, 1), duration_minutes=60, logged_by=alice)
    attended.interventions.add(kinds["CV workshop"], kinds["Housing application"])
    SessionFactory(case=a, date=date(2025, 3, 10), attendance="dna", logged_by=alice)
    SessionFactory(
        case=a, date=date(2025, 3, 12), duration_minutes=30, attendance="cancelled", logged_by=alice
    )
    SessionFactory(
        case=b,
        date=date(2025, 3, 31),
        start_time=time(23, 30),
        duration_minutes=90,
        logged_by=alice,
    )
    SessionFactory(case=b, date=date(2025, 4, 1), logged_by=alice)
    # A meeting with an agency for A, A absent: hours worked, but not attended, not "seen".
    SessionFactory(
        case=a,
        date=date(2025, 3, 18),
        duration_minutes=40,
        contact_type="agency",
        logged_by=alice,
    )
    gang = SessionFactory(case=f, date=date(2025, 3, 5), duration_minutes=45, logged_by=charlie)
    gang.interventions.add(kinds["Gang exit plan"])
    SessionFactory(case=g, date=date(2025, 3, 20), duration_minutes=30, logged_by=charlie)

    GroupSessionFactory(
        borough=southwark,
        setting_type="school",
        date=date(2025, 3, 10),
        duration_minutes=60,
        participants=20,
    )
    GroupSessionFactory(
        borough=southwark,
        setting_type="school",
        date=date(2025, 4, 2),
        duration_minutes=60,
        participants=99,
    )

    OutcomeFactory(
        case=a,
        outcome_type=OutcomeType.objects.get(name="Entered employment"),
        date=date(2025, 3, 20),
    )
    OutcomeFactory(
        case=g, outcome_type=OutcomeType.objects.get(name="Exited gang"), date=date(2025, 3, 24)
    )
    OutcomeFactory(
        case=b, outcome_type=OutcomeType.objects.get(name="Exited gang"), date=date(2025, 2, 20)
    )

    pending = OffenceFactory(
        client=a.client, offence_date=date(2025, 3, 15), outcome="pending", outcome_date=None
    )
    event(pending, "arrest", date(2025, 3, 15))
    february = OffenceFactory(
        client=a.client, offence_date=date(2025, 2, 20), outcome="pending", outcome_date=None
    )
    event(february, "arrest", date(2025, 2, 21))  # February: not counted
    event(february, "charge", date(2025, 3, 5))  # committed in February, charged in March
    convicted = OffenceFactory(
        client=f.client,
        offence_date=date(2025, 3, 10),
        outcome="conviction",
        outcome_date=date(2025, 3, 30),
    )
    event(convicted, "arrest", date(2025, 3, 10))
    event(convicted, "remand", date(2025, 3, 11))
    event(convicted, "conviction", date(2025, 3, 30))
    event(convicted, "custodial_sentence", date(2025, 4, 10))  # sentenced in April
    ended = OffenceFactory(
        client=c.client,
        offence_date=date(2025, 3, 11),
        outcome="conviction",
        outcome_date=date(2025, 3, 29),
    )
    event(ended, "conviction", date(2025, 3, 29))  # support ended in February: not counted
    return {"a": a, "b": b, "g": g}


# (section|label) -> (Southwark, Croydon, total); every figure not listed here is zero.
EXPECTED = {
    "1. Referrals received|Young people referred": (2, 1, 3),
    # Every referral here was made by staff, with the factory's source (probation).
    "1. Referrals received|Referred by staff, source: Probation": (2, 1, 3),
    "2. New starts|Young people starting support": (1, 1, 2),
    "3. Active caseload|Young people supported": (2, 2, 4),
    "4. Closures by reason|Completed": (1, 0, 1),
    "4. Closures by reason|Disengaged": (0, 1, 1),
    "5. One-to-one contact|Sessions attended": (2, 2, 4),
    "5. One-to-one contact|Hours of attended sessions": (150, 75, 225),
    "5. One-to-one contact|Young people seen": (2, 2, 4),
    "5. One-to-one contact|Sessions not attended (DNA)": (1, 0, 1),
    "5. One-to-one contact|Sessions cancelled": (1, 0, 1),
    "5. One-to-one contact|Work on a young person's behalf, client absent": (1, 0, 1),
    "5. One-to-one contact|Hours of work on a young person's behalf": (40, 0, 40),
    "5. One-to-one contact|Total hours worked with and for young people": (190, 75, 265),
    "6. Group work|School: workshops": (1, 0, 1),
    "6. Group work|School: participants": (20, 0, 20),
    "6. Group work|School: hours": (60, 0, 60),
    "7. Interventions delivered|Education, training and employment: CV workshop": (1, 0, 1),
    "7. Interventions delivered|Accommodation: Housing application": (1, 0, 1),
    "7. Interventions delivered|Attitudes, thinking and behaviour: Gang exit plan": (0, 1, 1),
    "8. Outcomes achieved|Entered employment": (1, 0, 1),
    "8. Outcomes achieved|Exited gang": (0, 1, 1),
    "9. Reoffending events among active clients|Arrests": (1, 1, 2),
    "9. Reoffending events among active clients|Charges": (1, 0, 1),
    "9. Reoffending events among active clients|Convictions": (0, 1, 1),
    "9. Reoffending events among active clients|Custody: remanded": (0, 1, 1),
    "10a. New starts by age band|Under 16": (1, 0, 1),
    "10a. New starts by age band|18-20": (0, 1, 1),
    "10b. New starts by gender|Male": (1, 0, 1),
    "10b. New starts by gender|Female": (0, 1, 1),
    "10c. New starts by ethnicity|Black, Black British, Caribbean or African": (1, 0, 1),
    "10c. New starts by ethnicity|White": (0, 1, 1),
}
