-- The borough evaluation's figures (reporting.reoffending.proven_reoffending,
-- reporting.evaluation.monthly_series and outcome_rates) for boroughs, by hand: the lower
-- bound they are compared with.

-- Proven reoffending by index-date quarter and overall (12-month follow-up, 6-month wait), each
-- young person once, from their first started episode in any borough, in its borough.
WITH first_episode AS (
    SELECT DISTINCT ON (client_id) id, client_id, borough_id, index_date
    FROM clients_case WHERE index_date IS NOT NULL
    ORDER BY client_id, index_date, id
), measurable AS (
    SELECT c.id, c.index_date, count(f.id) AS reoffences, min(f.offence_date) AS first
    FROM first_episode c
    LEFT JOIN clients_offence f
      ON f.client_id = c.client_id AND f.outcome = ANY(%(proven)s)
     AND f.offence_date >= c.index_date
     AND f.offence_date < (c.index_date + interval '12 months')::date
     AND f.outcome_date < (c.index_date + interval '18 months')::date
    WHERE c.borough_id = ANY(%(boroughs)s)
      AND c.index_date <= (%(today)s::date - interval '18 months')::date
    GROUP BY c.id, c.index_date
)
SELECT date_trunc('quarter', index_date) AS quarter, count(*),
       count(*) FILTER (WHERE reoffences > 0), sum(reoffences),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY first - index_date)
FROM measurable GROUP BY GROUPING SETS ((quarter), ());

-- Young people not started anywhere, and not yet measurable.
SELECT (SELECT count(DISTINCT c.client_id) FROM clients_case c
        WHERE c.borough_id = ANY(%(boroughs)s)
          AND NOT EXISTS (SELECT 1 FROM clients_case s
                          WHERE s.client_id = c.client_id AND s.index_date IS NOT NULL)),
       (SELECT count(*) FROM (SELECT DISTINCT ON (client_id) borough_id, index_date
                              FROM clients_case WHERE index_date IS NOT NULL
                              ORDER BY client_id, index_date, id) f
        WHERE f.borough_id = ANY(%(boroughs)s)
          AND f.index_date > (%(today)s::date - interval '18 months')::date);

-- Monthly series: referrals and new starts (distinct young people).
SELECT date_trunc('month', referral_date), count(DISTINCT client_id)
FROM clients_case
WHERE borough_id = ANY(%(boroughs)s) AND referral_date BETWEEN %(series_first)s AND %(series_last)s
GROUP BY 1;

SELECT date_trunc('month', index_date), count(DISTINCT client_id)
FROM clients_case
WHERE borough_id = ANY(%(boroughs)s) AND index_date BETWEEN %(series_first)s AND %(series_last)s
GROUP BY 1;

-- Active caseload in each month.
SELECT month, count(DISTINCT c.client_id)
FROM generate_series(%(series_first)s::date, %(series_last_first)s::date, interval '1 month') AS m(month)
LEFT JOIN clients_case c
  ON c.borough_id = ANY(%(boroughs)s) AND c.index_date <= (month + interval '1 month - 1 day')::date
 AND (c.closure_date IS NULL OR c.closure_date >= month::date)
GROUP BY month;

-- Young people over the whole period, each once: the people series' totals.
SELECT count(DISTINCT client_id) FILTER (WHERE referral_date BETWEEN %(series_first)s AND %(series_last)s),
       count(DISTINCT client_id) FILTER (WHERE index_date BETWEEN %(series_first)s AND %(series_last)s),
       count(DISTINCT client_id) FILTER (WHERE index_date <= %(series_last)s
                                          AND (closure_date IS NULL OR closure_date >= %(series_first)s))
FROM clients_case WHERE borough_id = ANY(%(boroughs)s);

-- Sessions attended (the young person taking part) and minutes worked in each month.
SELECT date_trunc('month', s.date), count(*) FILTER (WHERE s.contact_type <> 'agency'),
       sum(s.duration_minutes)
FROM casework_session s JOIN clients_case c ON c.id = s.case_id
WHERE c.borough_id = ANY(%(boroughs)s) AND s.attendance = 'attended'
  AND s.date BETWEEN %(series_first)s AND %(series_last)s
GROUP BY 1;

-- Outcome rates: cases closed in the period with a positive outcome, overall and by category.
SELECT count(*) FROM clients_case
WHERE borough_id = ANY(%(boroughs)s) AND closure_date BETWEEN %(series_first)s AND %(series_last)s;

SELECT t.category, count(DISTINCT c.id)
FROM clients_case c
JOIN casework_outcome o ON o.case_id = c.id
JOIN casework_outcometype t ON t.id = o.outcome_type_id AND t.is_positive
WHERE c.borough_id = ANY(%(boroughs)s) AND c.closure_date BETWEEN %(series_first)s AND %(series_last)s
GROUP BY GROUPING SETS ((t.category), ());
