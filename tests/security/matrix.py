"""The route x role table: what every route answers each role, on a record of the role's own
borough. The matrix test derives the other-borough answer from it (see `other_borough`), and
fails for any route that is not listed here, so a new page cannot dodge the walk.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Expect:
    """Status of a GET, by role, on the route itself or on a record of the role's own borough
    (admins have no "other" borough). `scoped` routes take one borough's record."""

    caseworker: int
    manager: int
    admin: int
    evaluator: int
    scoped: bool = False

    def own(self, role: str) -> int:
        return getattr(self, role)

    def other_borough(self, role: str, method: str) -> int:
        """What another borough's record gets: 404, the same as a record that does not exist.
        A role refused the route itself (403) or a POST-only route's GET (405) answers before
        any record is read, the same for every id, so it says nothing about the record."""
        own = self.own(role)
        if own == 403 or (own == 405 and method == "GET"):
            return own
        return 404


# Pages anyone may open, signed in or not (the deny-by-default allowlist).
OPEN = Expect(200, 200, 200, 200)
SIGNED_IN = Expect(200, 200, 200, 200)
ADMIN_ONLY = Expect(403, 403, 200, 403)
ADMIN_ONLY_POST = Expect(403, 403, 405, 403)
MANAGERS = Expect(403, 200, 200, 403)
# Lists and forms of named young people: evaluators see aggregates only.
PERSONAL = Expect(200, 200, 200, 403)
# One borough's record: evaluators get the same 404 as anyone outside the borough.
RECORD = Expect(200, 200, 200, 404, scoped=True)
RECORD_POST_ONLY = Expect(405, 405, 405, 405, scoped=True)

MATRIX = {
    "home": SIGNED_IN,
    "health": OPEN,
    "login": OPEN,
    "logout": Expect(405, 405, 405, 405),  # sign-out is a POST
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": OPEN,
    "password_reset_done": OPEN,
    "password_reset_confirm": OPEN,
    "password_reset_complete": OPEN,
    # Already verified: both send the person on to their start page.
    "two_factor_verify": Expect(302, 302, 302, 302),
    "two_factor_enrol": Expect(302, 302, 302, 302),
    "two_factor_backup_codes": SIGNED_IN,
    "reminders:account": SIGNED_IN,
    # A passkey is its owner's alone (the sample is the borough's caseworker's): anyone
    # else's account page finds nothing, as for a record outside their borough.
    "passkey_rename": Expect(200, 404, 404, 404, scoped=True),
    "passkey_remove": RECORD_POST_ONLY,
    # The offer after sign-in sends on anyone who has a passkey (the caseworker's sample one).
    "passkey_offer": Expect(302, 200, 200, 200),
    # The passkey ceremonies are JSON POSTs from django-otp-webauthn's script.
    "otp_webauthn:credential-registration-begin": Expect(405, 405, 405, 405),
    "otp_webauthn:credential-registration-complete": Expect(405, 405, 405, 405),
    "otp_webauthn:credential-authentication-begin": Expect(405, 405, 405, 405),
    "otp_webauthn:credential-authentication-complete": Expect(405, 405, 405, 405),
    "otp_webauthn:js-i18n-catalog": OPEN,
    "staff_list": ADMIN_ONLY,
    "staff_add": ADMIN_ONLY,
    "staff_edit": ADMIN_ONLY,
    "staff_deactivate_confirm": ADMIN_ONLY,
    "staff_deactivate": ADMIN_ONLY_POST,
    "staff_reactivate": ADMIN_ONLY_POST,
    "staff_reset_two_factor": ADMIN_ONLY_POST,
    "borough_list": ADMIN_ONLY,
    "borough_add": ADMIN_ONLY,
    "borough_edit": ADMIN_ONLY,
    "clients:list": PERSONAL,
    "clients:refer": PERSONAL,
    "clients:detail": RECORD,
    "clients:history": RECORD,
    "clients:edit": RECORD,
    # A GET asks which kind of support to open on the client's page.
    "clients:case_open": Expect(302, 302, 302, 404, scoped=True),
    "clients:offence_add": RECORD,
    "clients:justice_event_add": RECORD,
    "clients:consent_add": RECORD,
    "clients:risk_flag_add": RECORD,
    "clients:case_edit": RECORD,
    # The sample case has started: a GET says so on the client's page.
    "clients:case_start": Expect(302, 302, 302, 404, scoped=True),
    "clients:case_close": RECORD,
    # Allocation is for managers and admins, refused to other roles before the record is read.
    "clients:case_allocate": Expect(403, 200, 200, 403, scoped=True),
    "clients:risk_flag_clear": RECORD_POST_ONLY,
    "casework:session_log": PERSONAL,
    "casework:session_detail": RECORD,
    "casework:session_edit": RECORD,
    "casework:action_done": RECORD_POST_ONLY,
    "casework:timeline": RECORD,
    "casework:team": MANAGERS,
    "casework:team_no_interventions": MANAGERS,
    "casework:team_no_contact": MANAGERS,
    "casework:team_unverified": MANAGERS,
    "casework:group_session_list": PERSONAL,
    "casework:notes_search": PERSONAL,
    "casework:group_session_log": PERSONAL,
    "casework:group_session_detail": Expect(200, 200, 200, 403, scoped=True),
    "casework:goal_add": RECORD,
    "casework:goal_review": RECORD,
    "casework:assessment_add": RECORD,
    "casework:outcome_add": RECORD,
    "casework:outcome_verify": RECORD_POST_ONLY,
    "imports:start": MANAGERS,
    "imports:template": MANAGERS,
    # An import is seen only by whoever uploaded it (here the borough's manager), not even by
    # an admin: the file holds personal data nobody has checked yet.
    "imports:preview": Expect(403, 200, 404, 403, scoped=True),
    "imports:commit": Expect(403, 405, 405, 403, scoped=True),
    "imports:cancel": Expect(403, 405, 405, 403, scoped=True),
    "audit:access_search": ADMIN_ONLY,
    "audit:unusual_access": ADMIN_ONLY,
    # Only admins export; they see every borough, so there is no other borough to refuse.
    "gdpr:subject_access": Expect(403, 403, 200, 403, scoped=True),
    "gdpr:erasure_list": ADMIN_ONLY,
    "casework:reference_index": ADMIN_ONLY,
    "casework:reference_list": ADMIN_ONLY,
    "casework:reference_retire": ADMIN_ONLY_POST,
    "casework:reference_offer": ADMIN_ONLY_POST,
    # The sample young person already has an open request: the admin is sent to it.
    "gdpr:erasure_request": Expect(403, 403, 302, 403, scoped=True),
    "gdpr:erasure_detail": Expect(403, 403, 200, 403, scoped=True),
    "gdpr:erasure_approve": ADMIN_ONLY_POST,
    # Evaluators see their own borough's evaluation, suppressed; caseworkers have no reports.
    "reporting:evaluation": Expect(403, 200, 200, 200),
    "reporting:return": MANAGERS,
    # Without a figure to list, the drill-down has nothing to show: 404 for those let in.
    "reporting:return_records": Expect(403, 404, 404, 403),
    "reporting:return_team": MANAGERS,
    "reporting:return_sign_off": Expect(405, 405, 405, 405),  # POST only, checked first
    "reporting:return_download": MANAGERS,
    "reporting:justice_data_lab": ADMIN_ONLY,
    # Managers read their boroughs' targets; only admins set them.
    "reporting:targets": MANAGERS,
    "reporting:target_set": Expect(405, 405, 405, 405),  # POST only, checked first
    "reporting:justice_data_lab_download": ADMIN_ONLY_POST,
    "exports:list": ADMIN_ONLY,
    "exports:request": ADMIN_ONLY_POST,
    # The sample export has not been written yet, so even an admin finds nothing to download.
    "exports:download": Expect(403, 403, 404, 403),
    # A sessions workbook is for managers and admins, and downloaded only by whoever asked for
    # it: the sample export is someone else's and not written, so nothing to download.
    "exports:sessions_workbook": MANAGERS,
    "exports:sessions_workbook_download": Expect(403, 404, 404, 403),
    "referrals:partner_list": ADMIN_ONLY,
    "referrals:partner_add": ADMIN_ONLY,
    "referrals:partner_edit": ADMIN_ONLY,
    "referrals:partner_rotate": ADMIN_ONLY_POST,
    "referrals:partner_revoke": ADMIN_ONLY_POST,
    # Triage is for the borough's managers (and admins); a referral names a young person.
    "referrals:queue": MANAGERS,
    "referrals:triage": Expect(403, 200, 200, 403, scoped=True),
    "referrals:ask": Expect(403, 405, 405, 403, scoped=True),
    "referrals:decline": Expect(403, 405, 405, 403, scoped=True),
    # The public form and its thank-you page answer anyone holding a working link.
    "referrals:refer": OPEN,
    "referrals:sent": OPEN,
}

# The Django admin generates its routes per model; they are one family: only admins get in,
# everyone else is sent to sign in again (302) or refused (403).
DJANGO_ADMIN_PREFIXES = ("admin:", "django-admin/")


def expectation(name: str) -> Expect | None:
    """The row for `name`, or None for a Django admin route (checked as a family)."""
    if name.startswith(DJANGO_ADMIN_PREFIXES):
        return None
    return MATRIX[name]
