-- The monthly return (DOMAIN.md figures 1-11) for month [first, last] in boroughs, per
-- borough and in total: the hand-written lower bound that reporting.selectors.monthly_figures
-- is compared with. One statement per source table; GROUPING SETS give borough and total.

-- 1-3. Referrals, new starts, active caseload (distinct young people).
SELECT borough_id,
       count(DISTINCT client_id) FILTER (WHERE referral_date BETWEEN %(first)s AND %(last)s),
       count(DISTINCT client_id) FILTER (WHERE index_date BETWEEN %(first)s AND %(last)s),
       count(DISTINCT client_id) FILTER (WHERE index_date <= %(last)s
                                          AND (closure_date IS NULL OR closure_date >= %(first)s))
FROM clients_case
WHERE borough_id = ANY(%(boroughs)s)
  AND (referral_date BETWEEN %(first)s AND %(last)s
       OR (index_date <= %(last)s AND (closure_date IS NULL OR closure_date >= %(first)s)))
GROUP BY GROUPING SETS ((borough_id), ());

-- 4. Closures by reason.
SELECT borough_id, closure_reason_id, count(*)
FROM clients_case
WHERE borough_id = ANY(%(boroughs)s) AND closure_date BETWEEN %(first)s AND %(last)s
GROUP BY GROUPING SETS ((borough_id, closure_reason_id), (closure_reason_id));

-- 5. One-to-one contact: attended and seen only with the young person taking part; work on
-- their behalf (an agency meeting) on its own lines and in the total hours.
SELECT c.borough_id,
       count(*) FILTER (WHERE s.attendance = 'attended' AND s.contact_type <> 'agency'),
       sum(s.duration_minutes) FILTER (WHERE s.attendance = 'attended' AND s.contact_type <> 'agency'),
       count(DISTINCT c.client_id) FILTER (WHERE s.attendance = 'attended' AND s.contact_type <> 'agency'),
       count(*) FILTER (WHERE s.attendance = 'dna'),
       count(*) FILTER (WHERE s.attendance = 'cancelled'),
       count(*) FILTER (WHERE s.attendance = 'attended' AND s.contact_type = 'agency'),
       sum(s.duration_minutes) FILTER (WHERE s.attendance = 'attended' AND s.contact_type = 'agency'),
       sum(s.duration_minutes) FILTER (WHERE s.attendance = 'attended')
FROM casework_session s JOIN clients_case c ON c.id = s.case_id
WHERE s.date BETWEEN %(first)s AND %(last)s AND c.borough_id = ANY(%(boroughs)s)
GROUP BY GROUPING SETS ((c.borough_id), ());

-- 6. Group work by setting.
SELECT borough_id, setting_type, count(*), sum(participants), sum(duration_minutes)
FROM casework_groupsession
WHERE date BETWEEN %(first)s AND %(last)s AND borough_id = ANY(%(boroughs)s)
GROUP BY GROUPING SETS ((borough_id, setting_type), (setting_type));

-- 7. Interventions delivered in attended sessions, by type.
SELECT c.borough_id, si.intervention_type_id, count(*)
FROM casework_sessionintervention si
JOIN casework_session s ON s.id = si.session_id
JOIN clients_case c ON c.id = s.case_id
WHERE s.date BETWEEN %(first)s AND %(last)s AND s.attendance = 'attended'
  AND c.borough_id = ANY(%(boroughs)s)
GROUP BY GROUPING SETS ((c.borough_id, si.intervention_type_id), (si.intervention_type_id));

-- 8. Outcomes by type.
SELECT c.borough_id, o.outcome_type_id, count(*)
FROM casework_outcome o JOIN clients_case c ON c.id = o.case_id
WHERE o.date BETWEEN %(first)s AND %(last)s AND c.borough_id = ANY(%(boroughs)s)
GROUP BY GROUPING SETS ((c.borough_id, o.outcome_type_id), (o.outcome_type_id));

-- 9. Justice events dated in the month of clients with a case active in it, by kind.
SELECT c.borough_id, e.kind, count(DISTINCT e.id)
FROM clients_case c JOIN clients_offence f ON f.client_id = c.client_id
JOIN clients_justiceevent e ON e.offence_id = f.id
WHERE c.borough_id = ANY(%(boroughs)s) AND c.index_date <= %(last)s
  AND (c.closure_date IS NULL OR c.closure_date >= %(first)s)
  AND e.date BETWEEN %(first)s AND %(last)s
GROUP BY GROUPING SETS ((c.borough_id, e.kind), (e.kind));

-- 10. New starts by age band, gender and ethnicity.
SELECT c.borough_id,
       CASE WHEN age < 16 THEN 'Under 16' WHEN age < 18 THEN '16-17' WHEN age < 21 THEN '18-20'
            WHEN age < 25 THEN '21-24' ELSE '25 and over' END AS band,
       p.gender, p.ethnicity, count(DISTINCT c.client_id)
FROM clients_case c JOIN clients_client p ON p.id = c.client_id,
     LATERAL (SELECT date_part('year', age(c.index_date, p.date_of_birth))) AS a(age)
WHERE c.borough_id = ANY(%(boroughs)s) AND c.index_date BETWEEN %(first)s AND %(last)s
GROUP BY GROUPING SETS ((c.borough_id, band), (band), (c.borough_id, p.gender), (p.gender),
                        (c.borough_id, p.ethnicity), (p.ethnicity));

-- 11. Caseload (young people active in the month, allocated) and hours per caseworker.
SELECT borough_id, caseworker_id, count(DISTINCT client_id)
FROM clients_case
WHERE borough_id = ANY(%(boroughs)s) AND caseworker_id IS NOT NULL AND index_date <= %(last)s
  AND (closure_date IS NULL OR closure_date >= %(first)s)
GROUP BY GROUPING SETS ((borough_id, caseworker_id), (caseworker_id));

SELECT c.borough_id, s.logged_by_id, sum(s.duration_minutes)
FROM casework_session s JOIN clients_case c ON c.id = s.case_id
WHERE s.date BETWEEN %(first)s AND %(last)s AND s.attendance = 'attended'
  AND c.borough_id = ANY(%(boroughs)s)
GROUP BY GROUPING SETS ((c.borough_id, s.logged_by_id), (s.logged_by_id));
