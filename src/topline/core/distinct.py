"""The distinct values of one column in one organization, for a filter's choices.

`SELECT DISTINCT` reads every row of the organization (140 ms at 500,000 companies). With an
index that starts (organization_id, column), a recursive query jumps from one value to the
next instead, one index seek per distinct value (a "loose index scan", which neither SQLite
nor PostgreSQL does by itself): well under a millisecond for a few dozen values.
"""

from django.db import connection


def distinct_values(model, org, column: str, *, skip_blank: bool = True) -> list[str]:
    """The sorted distinct values of `column` in `org`'s rows of `model`. The model needs an
    index that starts (organization_id, column), or each step is a scan."""
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(model._meta.get_field(column).column)
    org_id = org.pk if hasattr(org, "pk") else org
    first = "> ''" if skip_blank else "IS NOT NULL"
    sql = f"""
        WITH RECURSIVE seen(value) AS (
            SELECT MIN({col}) FROM {table} WHERE organization_id = %s AND {col} {first}
            UNION ALL
            SELECT (SELECT MIN({col}) FROM {table} WHERE organization_id = %s AND {col} > value)
            FROM seen WHERE value IS NOT NULL
        )
        SELECT value FROM seen WHERE value IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [org_id, org_id])
        return [row[0] for row in cursor.fetchall()]
