"""The access log in words: what a person did, as an admin or a young person's solicitor
would say it, from the route name each access record keeps ("clients:detail" becomes
"opened the record of Jay Smith (client 12)")."""

from audit.models import AccessRecord

# What a search that showed no young person did (its row names no one).
WORDS_WITHOUT_CLIENT = {"casework:notes_search": "searched the notes and was shown no records"}

# Per audited route (audit/reads.py): the words, with {client} for the young person the
# record is about and {id} for the record's own number.
ROUTE_WORDS = {
    "clients:list": "opened the list of young people",
    "clients:detail": "opened the record of {client}",
    "clients:history": "opened the change history of {client}",
    "clients:edit": "opened the personal details of {client} to edit them",
    "clients:offence_add": "opened the form to record an offence of {client}",
    "clients:justice_event_add": (
        "opened the form to record an arrest, charge or court outcome of {client}"
    ),
    "clients:consent_add": "opened the form to record the consent of {client}",
    "clients:risk_flag_add": "opened the form to add a risk flag for {client}",
    "casework:timeline": "opened the timeline of {client}",
    "clients:case_open": "opened the form to open support for {client}",
    "clients:case_edit": "opened the support details of {client} to edit them",
    "clients:case_start": "opened the form to start the support of {client}",
    "clients:case_close": "opened the form to close the support of {client}",
    "clients:case_allocate": "opened the form to allocate a caseworker to {client}",
    "casework:goal_add": "opened the form to add a goal for {client}",
    "casework:assessment_add": "opened the form to add an assessment of {client}",
    "casework:outcome_add": "opened the form to record an outcome for {client}",
    "casework:goal_review": "opened the form to review a goal of {client}",
    "casework:session_detail": "opened a session with {client}",
    "casework:session_edit": "opened a session with {client} to correct it",
    "casework:notes_search": "searched the notes and was shown records of {client}",
    "referrals:triage": "opened a partner's referral (referral {id})",
    "imports:preview": "looked at the rows of an uploaded spreadsheet (import {id})",
    "imports:template": "downloaded an empty import spreadsheet",
    "gdpr:subject_access": "downloaded the subject access file of {client}",
    "gdpr:erasure_request": "opened the form to request the erasure of {client}",
    "gdpr:erasure_detail": "opened the erasure request of {client}",
    "reporting:return_records": "opened the names behind a figure of the monthly return",
    "reporting:return_download": "downloaded the monthly return",
    "reporting:justice_data_lab_download": "downloaded the Justice Data Lab cohort",
    "exports:download": "downloaded an export (export {id})",
    "exports:sessions_workbook_download": "downloaded a sessions workbook (export {id})",
}


def access_in_words(record: AccessRecord) -> str:
    """What `record`'s person did, in words; a route with no words yet shows its name, so a
    new page is never hidden from the log. `record.client` must be loaded with it."""
    words = ROUTE_WORDS.get(record.route, "opened {route}")
    if record.client_id is None and record.route in WORDS_WITHOUT_CLIENT:
        return WORDS_WITHOUT_CLIENT[record.route]
    if record.client_id is None:
        client = "a young person"
    elif record.client is None:
        client = f"client {record.client_id}"
    else:
        client = f"{record.client.display_name} (client {record.client_id})"
    return words.format(client=client, id=record.object_id, route=record.route)
