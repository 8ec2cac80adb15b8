"""Counting a figure per borough and in total in one query (GROUPING SETS): the one place the
monthly return rewrites SQL (reporting.selectors, reporting.summary)."""

from django.db import connections

from reporting.figures import TOTAL


def _by_borough(queryset, borough: str, measures: dict, by: str | None = None) -> dict:
    """{(column, by value): {measure name: value}}, with TOTAL as a column, in one query.

    The ORM's own grouped query, values(borough, by).annotate(**measures), with its GROUP BY
    clause replaced by GROUP BY GROUPING SETS ((borough, by), (by)): PostgreSQL returns the
    per-borough rows and the totals together, as bench/sql/monthly_return.sql does. The ORM
    cannot express GROUPING SETS, so this is the one place the return rewrites SQL, and it
    rewrites only that clause: which records count stays the queryset (defined once in
    reporting.selectors, shared with reporting.drilldown) and what is counted stays the ORM
    aggregates. Every record counted here has a borough (the querysets are narrowed to borough
    ids), so a NULL borough marks a total row.
    """
    keys = [borough, by] if by else [borough]
    grouped = queryset.values(*keys).annotate(**measures).order_by()
    sql, params = grouped.query.get_compiler(using=grouped.db).as_sql()
    head, _, group_by = sql.rpartition(" GROUP BY ")
    # The grouped columns come first in the SELECT list (borough at 1, the breakdown at 2),
    # so the grouping sets name them by position and the query's parameters stay as they are.
    if not head or "%s" in group_by or " HAVING " in group_by or " ORDER BY " in group_by:
        raise ValueError(f"Cannot add grouping sets to: {sql}")
    sets = "(1, 2), (2)" if by else "(1), ()"
    names = list(measures)
    result: dict = {}
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(f"{head} GROUP BY GROUPING SETS ({sets})", params)
        for row in cursor.fetchall():
            column = TOTAL if row[0] is None else str(row[0])
            values = row[len(keys) :]
            result[(column, row[1] if by else None)] = dict(zip(names, values, strict=True))
    return result


def _column_values(counts: dict, value=None, measure: str = "value") -> dict[str, int]:
    return {column: n[measure] for (column, by), n in counts.items() if by == value}
