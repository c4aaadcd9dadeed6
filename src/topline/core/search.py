"""List search: each word a case-insensitive substring of one of a few text columns, served
by an index.

A plain `icontains` reads every row of the organization until a page is full: when few rows
match, all of them (1-2 s at 500,000 rows). Instead:

- SQLite: an FTS5 table `<table>_search` with the trigram tokenizer per searchable model, its
  content read from the model's table and kept in step by triggers (`search_index()`, run by
  the app's migration). A word of three or more characters is a quoted phrase query on it,
  which is a substring match, and the words are ANDed:
  `id IN (SELECT rowid FROM <table>_search WHERE ... MATCH ...)`.
  Trigram needs three characters: shorter words are checked with `icontains` on the rows the
  index found, and a term of short words only is `icontains` throughout.
- PostgreSQL: pg_trgm GIN indexes on UPPER(column), the expression Django's `icontains`
  compares, so the same `icontains` filter is index-assisted; the planner picks it by cost.

SQLite's planner cannot tell how many rows a MATCH returns (it assumes 25), so:
- text_search() counts the matches first (over all organizations, capped at SELECTIVE: under
  2 ms). From SELECTIVE on, the term stays `icontains`: walking the list's sort index finds a
  page of such a common term sooner than fetching and sorting every match.
- SQLite fetches the matches by id first only when it has table statistics (sqlite_stat1, from
  ANALYZE or PRAGMA optimize). Without them it walks the organization's sort index and checks
  each id against the match set: 10-20x faster than LIKE, but a walk all the same.
Figures in BENCHMARKS.md ("Search").

Case folding: FTS5 folds all of Unicode, SQLite's LIKE only ASCII, PostgreSQL's UPPER follows
the database's locale. For ASCII the three agree.
"""

from collections.abc import Sequence

from django.db import connection, migrations
from django.db.models import Q
from django.db.models.expressions import RawSQL

TRIGRAM = 3  # the shortest term an FTS5 trigram index can answer
# Longer than any searched column (names 200, e-mail 254): a longer term cannot match, so
# cutting it there loses no row. It also bounds the words, each a condition in the query.
MAX_SEARCH_LENGTH = 500
# Below this many matches, fetching and sorting them beats walking the sort index with LIKE
# (at 500,000 rows: 10,000 matches 16-28 ms; 70,000 matches 85 ms against 30-50 ms).
SELECTIVE = 20_000


def _fts(table: str) -> str:
    return f"{table}_search"


def text_search(qs, term: str, fields: Sequence[str], *, also: Sequence[Q] = (), page=True):
    """`qs` narrowed to the rows where each word of `term` is a case-insensitive substring of
    one of `fields` (columns that search_index() covers): "ada king" finds Ada King, whose
    words sit in two columns. Or the rows that match one of the `also` conditions.
    `page=False` when every match is read (ids for a subquery), not a sorted page of them."""
    words = term[:MAX_SEARCH_LENGTH].split()
    if not words:
        return qs
    indexed = [word for word in words if len(word) >= TRIGRAM]
    if connection.vendor == "sqlite" and indexed:
        table = _fts(qs.model._meta.db_table)
        # Each word a quoted phrase ("" for a quote inside): never read as query syntax.
        # The column filter keeps the match to `fields` when the index covers more columns.
        phrases = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in indexed)
        query = f"{{{' '.join(fields)}}} : ({phrases})"
        if not page or _fewer_matches_than(table, query, SELECTIVE):
            fts = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [query])
            # Words too short for the index are checked on the few rows it found.
            short = [word for word in words if len(word) < TRIGRAM]
            found = qs.filter(pk__in=fts).filter(_each_word_in_a_field(short, fields))
            if not also:
                return found
            # One id set, the `also` rows added by UNION ALL: an OR beside it would make
            # SQLite read every row of the organization when it walks the sort index.
            parts = [found] + [qs.filter(condition) for condition in also]
            sqls, params = zip(
                *(part.order_by().values("pk").query.sql_with_params() for part in parts),
                strict=True,
            )
            union = " UNION ALL ".join(sqls)
            return qs.filter(pk__in=RawSQL(union, [p for group in params for p in group]))
    # Short words only, and on SQLite terms that match many rows: the walk of the list's
    # sort index stops as soon as a page is full.
    match = _each_word_in_a_field(words, fields)
    for condition in also:
        match |= condition
    return qs.filter(match)


def _each_word_in_a_field(words: Sequence[str], fields: Sequence[str]) -> Q:
    match = Q()
    for word in words:
        in_a_field = Q()
        for field in fields:
            in_a_field |= Q(**{f"{field}__icontains": word})
        match &= in_a_field
    return match


def exact_match(field: str, term: str) -> Q:
    """A filter: `field` equals `term`. The `<> ''` half repeats the condition of the partial
    unique index on (organization, field), so SQLite uses that index (it matches the condition
    as written)."""
    return Q(**{field: term}) & ~Q(**{field: ""})


def _fewer_matches_than(table: str, query: str, limit: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)",
            [query, limit],
        )
        return cursor.fetchone()[0] < limit


# Migrations -------------------------------------------------------------------------------

# table -> columns of every search_index() the migrations declare (migrate imports them all).
DECLARED: dict[str, tuple[str, ...]] = {}
TRIGGER_EVENTS = ("insert", "update", "delete")


def search_index(table: str, columns: Sequence[str]) -> migrations.RunPython:
    """A migration operation that indexes `columns` of `table` for text_search(): on SQLite the
    FTS5 table and its triggers, on PostgreSQL one GIN trigram index per column. Running it
    again is safe and repairs the index. A later migration that makes SQLite rebuild `table`
    (most AlterField do) drops its triggers: search_triggers_repair() puts them back after
    every migrate."""
    DECLARED[table] = tuple(columns)

    def forwards(apps, schema_editor):
        for sql in index_sql(schema_editor.connection.vendor, table, columns):
            schema_editor.execute(sql, params=None)

    def backwards(apps, schema_editor):
        for sql in drop_sql(schema_editor.connection.vendor, table, columns):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forwards, backwards)


def index_sql(vendor: str, table: str, columns: Sequence[str]) -> list[str]:
    if vendor == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        return ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
            for column in columns
        ]
    if vendor != "sqlite":
        return []
    fts = _fts(table)
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='trigram')",
        # External content: the FTS table stores only the index; a delete must name the old
        # values, which the triggers have as old.*.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        # Only when a searched column changes: a save() writes every column, a bulk status
        # update none of these.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {cols} ON {table} "
        f"WHEN {changed} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def search_triggers_repair(connection) -> list[str]:
    """On SQLite, re-create the triggers of every search index whose FTS table exists but
    whose triggers do not, and rebuild that index from its table (rows written while the
    triggers were missing are not in it). Returns the repaired tables. Run after migrate."""
    if connection.vendor != "sqlite":
        return []  # PostgreSQL keeps (and rebuilds) indexes when it rewrites a table
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = set(cursor.fetchall())
        repaired = []
        for table, columns in DECLARED.items():
            fts = _fts(table)
            if ("table", fts) not in present:
                continue  # not migrated yet, or migrated back
            if all(("trigger", f"{fts}_{event}") in present for event in TRIGGER_EVENTS):
                continue
            for sql in index_sql("sqlite", table, columns):
                cursor.execute(sql)
            repaired.append(table)
    return repaired


def drop_sql(vendor: str, table: str, columns: Sequence[str]) -> list[str]:
    if vendor == "postgresql":
        # The extension stays: other apps' indexes may use it.
        return [f"DROP INDEX IF EXISTS {table}_{column}_trgm" for column in columns]
    if vendor != "sqlite":
        return []
    fts = _fts(table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in TRIGGER_EVENTS] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]
