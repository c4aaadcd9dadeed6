"""An import refreshes the planner statistics of the tables it filled, on SQLite and
PostgreSQL. Other tests' data may share the tables, so the tests look for a refresh made
during the test, not for row counts."""

from django.db import connection

from topline.dataio.runner import import_run

CDNOW = "1 19970101 1 11.77\n2 19970112 1 12.00\n"
TABLES = ("contacts_contact", "sales_order", "sales_orderline")


def forget_statistics() -> None:
    """SQLite: drop the tables' statistics rows (the test's transaction restores them).
    PostgreSQL: nothing to do; analyzed_during_test() compares times."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute(
                f"DELETE FROM sqlite_stat1 WHERE tbl IN ({', '.join(['%s'] * len(TABLES))})",
                TABLES,
            )


def analyzed_during_test(table: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return False
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            return cursor.fetchone()[0] > 0
        # now() is when the test's transaction began; the view would repeat a cached snapshot.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT last_analyze > now() FROM pg_stat_user_tables WHERE relname = %s", [table]
        )
        return bool(cursor.fetchone()[0])


def test_an_import_refreshes_the_statistics_of_the_tables_it_filled(db, tmp_path):
    (tmp_path / "CDNOW_master.txt").write_text(CDNOW)
    forget_statistics()
    assert not any(analyzed_during_test(table) for table in TABLES)

    import_run(preset="cdnow", path=tmp_path, org_slug="cd")

    assert all(analyzed_during_test(table) for table in TABLES)


def test_a_dry_run_leaves_the_statistics_alone(db, tmp_path):
    (tmp_path / "CDNOW_master.txt").write_text(CDNOW)
    forget_statistics()

    import_run(preset="cdnow", path=tmp_path, org_slug="cd", dry_run=True)

    assert not any(analyzed_during_test(table) for table in TABLES)
