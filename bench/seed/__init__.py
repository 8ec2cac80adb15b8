"""Bulk synthetic data at national scale for `make bench` (the `seed_scale` command).

Boroughs and staff (organisation), young people with consent, risk flags and support episodes
(people), sessions with interventions and outcomes (sessions), offences before and after
support (offences), group work and partner referrals (partners), generated from one seed by
`Generator` and written with PostgreSQL COPY (copier). Every name is synthetic (Faker en_GB);
every address uses .invalid.
"""
