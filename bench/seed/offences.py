"""Offences before support and, for about a quarter, proven reoffending after it starts."""

from datetime import timedelta

from clients.models import Offence, OffenceOutcome


def prior_offence(g, offences, client_id, referred, worker) -> None:
    when = referred - timedelta(days=g.rng.randint(30, 900))
    _offence(g, offences, client_id, when, worker)


def reoffending(g, offences, client_id, start, worker) -> None:
    """About a quarter reoffend within two years of starting support."""
    if g.rng.random() < 0.25:
        when = start + timedelta(days=g.rng.randint(10, 720))
        if when < g.until:
            _offence(g, offences, client_id, when, worker)


def _offence(g, offences, client_id, when, worker) -> None:
    rng = g.rng
    outcome = rng.choice(
        [OffenceOutcome.CONVICTION] * 3
        + [OffenceOutcome.CAUTION, OffenceOutcome.NO_FURTHER_ACTION, OffenceOutcome.PENDING]
    )
    decided = when + timedelta(days=rng.randint(20, 300))
    offences.write(
        id=g.ids.take(Offence),
        client_id=client_id,
        offence_date=when,
        category_id=rng.choice(g.categories),
        outcome=outcome,
        outcome_date=None if outcome == OffenceOutcome.PENDING else decided,
        recorded_by_id=worker,
        created_at=g.stamp(when),
    )
