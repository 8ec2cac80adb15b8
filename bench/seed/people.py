"""Young people with their consent, risk flags and support episodes (one in five has two)."""

from datetime import timedelta

from tqdm import tqdm

from bench.seed import offences, sessions
from bench.seed.copier import Copier
from casework.models import ContactType, Outcome, Session, SessionIntervention
from clients.models import (
    Case,
    Client,
    Consent,
    ConsentScope,
    Ethnicity,
    Gender,
    Offence,
    RiskFlag,
    RiskLevel,
)

# Every table a young person's rows go to, flushed together when the sessions buffer fills.
TABLES = (Client, Case, Session, SessionIntervention, Outcome, Offence, RiskFlag, Consent)
GENDERS = [Gender.MALE] * 8 + [Gender.FEMALE] * 2 + [Gender.NON_BINARY, Gender.NOT_STATED]


def load_people(g, progress) -> dict[str, int]:
    rng, until = g.rng, g.until
    tables = {model: Copier(g.cursor, model) for model in TABLES}
    ethnicities, contacts = list(Ethnicity), list(ContactType)
    for _ in tqdm(range(g.n_clients), desc="clients", file=progress, mininterval=1):
        borough = rng.choice(g.boroughs)
        workers = g.caseworkers[borough] or g.managers
        referred = g.day(g.first, until - timedelta(days=7))
        pk = g.ids.take(Client)
        tables[Client].write(
            id=pk,
            first_name=rng.choice(g.first_names),
            last_name=rng.choice(g.last_names),
            date_of_birth=referred - timedelta(days=rng.randint(14 * 365, 25 * 365)),
            gender=rng.choice(GENDERS),
            ethnicity=rng.choice(ethnicities),
            postcode=f"SE{rng.randint(1, 28)} {rng.randint(1, 9)}ZZ",
            email=f"client{pk}@example.invalid",
            borough_id=borough,
            pnc_id=f"{referred.year % 100:02d}/{pk:06d}{chr(65 + pk % 26)}"
            if rng.random() < 0.6
            else "",
            created_at=g.stamp(referred),
            updated_at=g.stamp(referred),
        )
        _consent_and_flags(g, tables, pk, referred, workers[0])
        episodes = 2 if rng.random() < 0.2 else 1
        for _episode in range(episodes):
            if referred >= until:
                break
            worker = rng.choice(workers)
            case_id, start, end = _case(g, tables[Case], pk, borough, worker, referred)
            if start:
                sessions.log_sessions(g, tables, case_id, worker, start, end or until, contacts)
                offences.reoffending(g, tables[Offence], pk, start, worker)
            referred = (end or until) + timedelta(days=rng.randint(30, 400))
        if len(tables[Session].buffer) > 50_000:
            for copier in tables.values():
                copier.flush()
    for copier in tables.values():
        copier.close()
    return {model._meta.verbose_name_plural: c.rows for model, c in tables.items()}


def _consent_and_flags(g, tables, client_id, referred, worker) -> None:
    """Consent to the evaluation for everyone; a prior offence and a risk flag for some."""
    rng = g.rng
    tables[Consent].write(
        id=g.ids.take(Consent),
        client_id=client_id,
        scope=ConsentScope.EVALUATION,
        given=True,
        date=referred,
        recorded_by_id=worker,
        created_at=g.stamp(referred),
    )
    if rng.random() < 0.3:
        offences.prior_offence(g, tables[Offence], client_id, referred, worker)
    if rng.random() < 0.3:
        tables[RiskFlag].write(
            id=g.ids.take(RiskFlag),
            client_id=client_id,
            flag_type_id=rng.choice(g.flag_types),
            level=rng.choice(list(RiskLevel)),
            review_date=referred + timedelta(days=90),
            cleared_on=None if rng.random() < 0.5 else referred + timedelta(days=60),
            recorded_by_id=worker,
            created_at=g.stamp(referred),
        )


def _case(g, cases, client_id, borough, worker, referred):
    """One support episode: (its id, start or None if it never started, end or None)."""
    rng, until = g.rng, g.until
    start = referred + timedelta(days=rng.randint(0, 45))
    if start > until or rng.random() < 0.08:
        start = None
    end = None
    if start:
        planned = start + timedelta(days=rng.randint(60, 540))
        end = planned if planned < until else None
    elif referred + timedelta(days=90) < until:
        end = referred + timedelta(days=90)  # never started: closed after three months
    pk = g.ids.take(Case)
    cases.write(
        id=pk,
        client_id=client_id,
        borough_id=borough,
        referral_date=referred,
        referral_source_id=rng.choice(g.sources),
        index_date=start,
        caseworker_id=worker,
        closure_date=end,
        closure_reason_id=rng.choice(g.reasons) if end else None,
        created_at=g.stamp(referred),
        version=1,
    )
    return pk, start, end
