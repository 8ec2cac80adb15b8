"""How a held referral fills the clients' own referral forms, for the manager to check."""

from django.utils import timezone

from clients.models import ReferralSource
from referrals.models import PartnerKind, Submission

# The referral source (reference data, seeded by clients migration 0002) each kind of partner
# is counted under in the monthly return; a source an admin renamed is left for the manager.
SOURCE_FOR_KIND = {
    PartnerKind.PRISON: "Prison",
    PartnerKind.YOT: "Youth offending team",
    PartnerKind.PROBATION: "Probation",
    PartnerKind.POLICE: "Police",
    PartnerKind.SCHOOL: "School",
    PartnerKind.COLLEGE: "College",
    PartnerKind.PRU: "Pupil referral unit",
    PartnerKind.OTHER: "Other",
}


def accept_initial(submission: Submission) -> dict:
    """Initial values for ClientForm and ReferralForm (each takes the keys it has)."""
    partner = submission.partner
    source = ReferralSource.objects.filter(name=SOURCE_FOR_KIND[partner.kind]).first()
    reason = submission.reason
    if submission.known_risks:
        reason += f"\n\nRisks the referrer knows of: {submission.known_risks}"
    return {
        "first_name": submission.first_name,
        "last_name": submission.last_name,
        "preferred_name": submission.preferred_name,
        "date_of_birth": submission.date_of_birth,
        "gender": submission.gender,
        "ethnicity": submission.ethnicity,
        "borough": submission.borough_id,
        "phone": submission.phone,
        "address": submission.address,
        "postcode": submission.postcode,
        "pnc_id": submission.pnc_id,
        "prison_number": submission.prison_number,
        "referral_date": timezone.localdate(submission.submitted_at),
        "referral_source": source.pk if source else None,
        "referrer": (
            f"{submission.referrer_name}, {submission.referrer_role}, {partner.name} "
            f"({submission.referrer_email})"
        )[:200],
        "referral_reason": reason,
        "in_custody_at_referral": submission.in_custody,
        "establishment": submission.establishment,
        "expected_release_date": submission.expected_release_date,
    }
