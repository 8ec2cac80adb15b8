from clients.models.case import Case, CaseStatus, CurrentCase
from clients.models.client import Client, Ethnicity, Gender
from clients.models.consent import Consent, ConsentScope
from clients.models.offence import JusticeEvent, JusticeEventKind, Offence, OffenceOutcome
from clients.models.reference import ClosureReason, OffenceCategory, ReferralSource, RiskFlagType
from clients.models.risk import RiskFlag, RiskLevel

__all__ = [
    "Case",
    "CaseStatus",
    "Client",
    "ClosureReason",
    "Consent",
    "CurrentCase",
    "ConsentScope",
    "Ethnicity",
    "Gender",
    "Offence",
    "JusticeEvent",
    "JusticeEventKind",
    "OffenceCategory",
    "OffenceOutcome",
    "ReferralSource",
    "RiskFlag",
    "RiskFlagType",
    "RiskLevel",
]
