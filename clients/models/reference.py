"""Reference lists admins may extend; seeded by migration 0002."""

from sos.models import ReferenceData


class ReferralSource(ReferenceData):
    """Who referred the young person: prison, youth offending team, school, ..."""


class ClosureReason(ReferenceData):
    """Why support ended: completed, disengaged, moved away, ..."""


class OffenceCategory(ReferenceData):
    """Kind of offence, broad enough to report on (violence, weapons, drugs, ...)."""

    class Meta(ReferenceData.Meta):
        verbose_name_plural = "offence categories"


class RiskFlagType(ReferenceData):
    """A safeguarding or risk concern: gang affiliation, weapon carrying, exploitation, ..."""
