"""Reference lists admins may extend; seeded by migration 0002."""

from sos.models import ReferenceData, reference_history


@reference_history()
class ReferralSource(ReferenceData):
    """Who referred the young person: prison, youth offending team, school, ..."""


@reference_history()
class ClosureReason(ReferenceData):
    """Why support ended: completed, disengaged, moved away, ..."""


class OffenceCategory(ReferenceData):
    """Kind of offence, broad enough to report on (violence, weapons, drugs, ...)."""

    class Meta(ReferenceData.Meta):
        verbose_name_plural = "offence categories"


@reference_history()
class RiskFlagType(ReferenceData):
    """A safeguarding or risk concern: gang affiliation, weapon carrying, exploitation, ..."""
