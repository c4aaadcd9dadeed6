"""Keeping the database's query planner informed after bulk writes.

SQLite has no autovacuum: without table statistics (sqlite_stat1) it guesses that a search
index match returns 25 rows and that `organization_id = ?` matches 10, and picks plans that
walk a whole organization (core/search.py; figures in BENCHMARKS.md, "Search"). PostgreSQL's
autovacuum analyzes a table once enough rows changed, but only a minute or so later; right
after an import the planner would still plan for the empty tables.
"""

from django.db import connection

# Rows SQLite samples per index: approximate statistics, 14 ms on a 450 MB database, which
# is all the planner needs to tell a selective condition from a broad one.
SQLITE_ANALYSIS_LIMIT = 1000


def planner_statistics_refresh() -> None:
    """Gather fresh table statistics for the planner: after an import, the demo, and when
    the server starts. Cheap enough to run whenever many rows may have changed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
