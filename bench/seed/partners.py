"""Partner agencies and a year of their referrals, so the triage queue and the decision times
are measured on a borough's real workload rather than on an empty queue (issue 23.6).

Each borough gets three partners of different kinds. Over the last year about a third of the
cases referred in a borough arrived from a partner and were accepted: the submission is built
from the young person the case belongs to, sent one to ten days before the referral date and
decided that day, so figure 1's breakdown by partner kind has a case to count. Another fifth as
many were declined, and the last fortnight's referrals are still waiting (a few asked for more
information), which is the queue a manager sees.
"""

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from bench.seed.copier import Copier
from referrals.models import (
    Attempt,
    AttemptOutcome,
    ConsentBasis,
    DeclineReason,
    Partner,
    PartnerKind,
    Submission,
    SubmissionStatus,
)

PARTNERS_PER_BOROUGH = 3
ACCEPTED_SHARE = 0.3  # of the cases referred in the last year
DECLINED_PER_ACCEPTED = 0.2
WAITING_DAYS = 14
WAITING_PER_BOROUGH = 6  # on average, over the last WAITING_DAYS
ACCEPTED_CASES = """
    SELECT k.id, k.client_id, k.borough_id, k.referral_date, c.first_name, c.last_name,
           c.date_of_birth, c.gender, c.ethnicity
    FROM clients_case k JOIN clients_client c ON c.id = k.client_id
    WHERE k.referral_date > %s ORDER BY k.id
"""


def load_partner_referrals(cursor, rng, ids, *, until: date, deciders: dict, names) -> int:
    """Write the partners and their submissions; `deciders` maps each borough to the manager
    who decides its referrals, `names` is (first names, last names) to draw from. Returns the
    number of submissions."""
    partners = _load_partners(cursor, rng, ids, deciders)
    submissions, attempts = Copier(cursor, Submission), Copier(cursor, Attempt)

    def submit(borough, sent: datetime, status, person: dict, **decision) -> None:
        partner = rng.choice(partners[borough])
        pk = ids.take(Submission)
        submissions.write(
            id=pk,
            partner_id=partner,
            borough_id=borough,
            reason="Synthetic bench referral: risk of exploitation, out of school.",
            referrer_name="Bench Referrer",
            referrer_role="Case manager",
            referrer_email=f"referrer{partner}@bench.invalid",
            consent_basis=ConsentBasis.AGREED,
            submitted_at=sent,
            status=status,
            **person,
            **decision,
        )
        attempts.write(
            id=ids.take(Attempt),
            partner_id=partner,
            at=sent,
            address_hash=hashlib.sha256(f"bench-{partner}".encode()).hexdigest(),
            outcome=AttemptOutcome.RECEIVED,
            submission_id=pk,
        )

    def stranger() -> dict:
        return {
            "first_name": rng.choice(names[0]),
            "last_name": rng.choice(names[1]),
            "date_of_birth": until - timedelta(days=rng.randint(14 * 365, 24 * 365)),
            "gender": "male",
            "ethnicity": "not_stated",
        }

    cursor.execute(ACCEPTED_CASES, [until - timedelta(days=365)])
    accepted = [row for row in cursor.fetchall() if rng.random() < ACCEPTED_SHARE]
    for case, client, borough, referred, first, last, born, gender, ethnicity in accepted:
        decided = _stamp(referred, 15)
        person = {"first_name": first, "last_name": last, "date_of_birth": born}
        submit(
            borough,
            decided - timedelta(days=rng.randint(1, 10)),
            SubmissionStatus.ACCEPTED,
            {**person, "gender": gender, "ethnicity": ethnicity},
            decided_at=decided,
            decided_by_id=deciders[borough],
            client_id=client,
            case_id=case,
        )
    boroughs = sorted(deciders)
    reasons = list(DeclineReason)
    for _ in range(round(len(accepted) * DECLINED_PER_ACCEPTED)):
        borough = rng.choice(boroughs)
        sent = _stamp(until - timedelta(days=rng.randint(WAITING_DAYS, 365)), 10)
        submit(
            borough,
            sent,
            SubmissionStatus.DECLINED,
            stranger(),
            decided_at=sent + timedelta(days=rng.randint(1, 10)),
            decided_by_id=deciders[borough],
            decline_reason=rng.choice(reasons),
        )
    for _ in range(WAITING_PER_BOROUGH * len(boroughs)):
        status = SubmissionStatus.MORE_INFO if rng.random() < 0.2 else SubmissionStatus.NEW
        sent = _stamp(until - timedelta(days=rng.randint(0, WAITING_DAYS - 1)), 9)
        submit(rng.choice(boroughs), sent, status, stranger())
    submissions.close()
    attempts.close()
    return submissions.rows


def _load_partners(cursor, rng, ids, deciders: dict) -> dict[int, list[int]]:
    """PARTNERS_PER_BOROUGH partners of different kinds for each borough."""
    partners, links = Copier(cursor, Partner), Copier(cursor, Partner.boroughs.through)
    kinds = list(PartnerKind)
    by_borough = {}
    for borough in sorted(deciders):
        by_borough[borough] = []
        for kind in rng.sample(kinds, PARTNERS_PER_BOROUGH):
            pk = ids.take(Partner)
            partners.write(
                id=pk,
                name=f"{kind.label} {pk} (synthetic)",
                kind=kind,
                contact_email=f"partner{pk}@bench.invalid",
                is_active=True,
                # A hash of nothing anyone holds: these links cannot be used.
                token_hash=hashlib.sha256(
                    f"bench-partner-{pk}-{rng.random()}".encode()
                ).hexdigest(),
                link_issued_at=_stamp(date(2020, 1, 1), 9),
            )
            links.write(id=ids.take(Partner.boroughs.through), partner_id=pk, borough_id=borough)
            by_borough[borough].append(pk)
    partners.close()
    links.close()
    return by_borough


def _stamp(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), UTC)
