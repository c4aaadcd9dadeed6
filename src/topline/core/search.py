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
  2 ms). From SELECTIVE on, the query is written `+id IN (matches)`: SQLite walks the list's
  sort index and checks each row against the match set, which finds a page of such a common
  term sooner than fetching and sorting every match. Both plans read the index, so they
  find the same rows.
- Below SELECTIVE, SQLite fetches the matches by id first only when it has table statistics
  (sqlite_stat1, from ANALYZE: core/planner.py). Without them it walks as above.
Figures in BENCHMARKS.md ("Search").

Case folding: FTS5 folds all of Unicode, SQLite's LIKE (words under three characters) only
ASCII, PostgreSQL's UPPER follows the database's locale. For ASCII the three agree.
"""

from collections.abc import Sequence

from django.db import connection, migrations
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

TRIGRAM = 3  # the shortest term an FTS5 trigram index can answer
# Longer than any searched column (names 200, e-mail 254): a longer term cannot match, so
# cutting it there loses no row. It also bounds the words, each a condition in the query.
MAX_SEARCH_LENGTH = 500
# Below this many matches, fetching and sorting them beats walking the list's sort index
# (at 500,000 rows: 10,000 matches 16-28 ms; 70,000 matches 85 ms against 13-17 ms).
SELECTIVE = 20_000


def _fts(table: str) -> str:
    return f"{table}_search"


def text_search(qs, term: str, fields: Sequence[str], *, also: Sequence[Q] = (), page=True):
    """`qs` narrowed to the rows where each word of `term` is a case-insensitive substring of
    one of `fields` (columns that search_index() covers): "ada king" finds Ada King, whose
    words sit in two columns. Or the rows that match one of the `also` conditions.
    `page=False` when every match is read (ids for a subquery), not a sorted page of them."""
    words = clean_term(term).split()
    if not words:
        return qs
    indexed = [word for word in words if len(word) >= TRIGRAM]
    if connection.vendor == "sqlite" and indexed:
        return _sqlite_fts(qs, words, indexed, fields, also, page)
    words_match = _each_word_in_a_field(words, fields)
    match = words_match
    for condition in also:
        match |= condition
    if connection.vendor == "postgresql" and page and indexed:
        return _postgresql_page(qs, match, [words_match, *also])
    return qs.filter(match)


def _postgresql_page(qs, match: Q, parts: Sequence[Q]):
    """PostgreSQL guesses how many rows a trigram match returns, and a wrong guess walks the
    whole organization in list order (0.3-0.6 s at 500,000 rows for a term of 500 matches).
    So count them first (capped, through the GIN indexes); when few, the list reads them as
    an array computed once, `id = ANY(ARRAY(...))`: fetched by primary key, then sorted.
    The ids come from one query per part of `match` (UNION ALL): an OR of them, one an
    `IN (subquery)`, would scan every row of the organization even to count."""
    sql, params = _ids_union([qs.filter(part) for part in parts])
    if not _fewer_rows_than(sql, params, SELECTIVE):
        return qs.filter(match)  # a common term: the walk fills a page early
    condition = f"{_pk_column(qs)} = ANY(ARRAY({sql}))"
    return qs.filter(RawSQL(condition, params, output_field=BooleanField()))


def _fewer_rows_than(sql: str, params, limit: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) AS m", [*params, limit])
        return cursor.fetchone()[0] < limit


def _ids_union(parts) -> tuple[str, list]:
    """The primary keys of several querysets as one UNION ALL: each part answered by its
    own index, where an OR of their conditions would read every row of the organization."""
    sqls, params = zip(
        *(part.order_by().values("pk").query.sql_with_params() for part in parts), strict=True
    )
    return " UNION ALL ".join(sqls), [p for group in params for p in group]


def _pk_column(qs) -> str:
    quote = connection.ops.quote_name
    return f"{quote(qs.model._meta.db_table)}.{quote(qs.model._meta.pk.column)}"


def _sqlite_fts(qs, words, indexed, fields, also, page):
    table = _fts(qs.model._meta.db_table)
    # Each word a quoted phrase ("" for a quote inside): never read as query syntax.
    # The column filter keeps the match to `fields` when the index covers more columns.
    phrases = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in indexed)
    query = f"{{{' '.join(fields)}}} : ({phrases})"
    # Few matches: fetch them by id and sort them. Many: walk the list's sort index and
    # check each row against the match set, which fills a page sooner. The index answers
    # both ways, so the rows found never depend on which (nor on other organizations' rows).
    sql, params = f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [query]
    fetch = not page or _fewer_rows_than(sql, params, SELECTIVE)
    short = [word for word in words if len(word) < TRIGRAM]
    if short:
        # Words too short for the index are checked on the rows it found.
        found = qs.filter(pk__in=RawSQL(sql, params)).filter(_each_word_in_a_field(short, fields))
        sql, params = _ids_union([found])
    if also:
        # The `also` rows added by UNION ALL: an OR beside the index's set would make SQLite
        # read every row of the organization.
        rest, rest_params = _ids_union([qs.filter(condition) for condition in also])
        sql, params = f"{sql} UNION ALL {rest}", [*params, *rest_params]
    return _id_in(qs, sql, params, fetch)


def _id_in(qs, sql: str, params, fetch: bool):
    """`qs` limited to the ids `sql` selects. With fetch=False the id is written `+id`,
    which keeps SQLite from driving the query from the id set: it walks the sort index."""
    if fetch:
        return qs.filter(pk__in=RawSQL(sql, params))
    condition = f"+{_pk_column(qs)} IN ({sql})"
    return qs.filter(RawSQL(condition, params, output_field=BooleanField()))


def _each_word_in_a_field(words: Sequence[str], fields: Sequence[str]) -> Q:
    match = Q()
    for word in words:
        in_a_field = Q()
        for field in fields:
            in_a_field |= Q(**{f"{field}__icontains": word})
        match &= in_a_field
    return match


def clean_term(term: str) -> str:
    """A search term as the queries use it: trimmed, cut to MAX_SEARCH_LENGTH, without NUL
    characters, which no column holds (FTS5 reads one as the end of the query, PostgreSQL
    refuses it)."""
    return term.replace("\x00", "").strip()[:MAX_SEARCH_LENGTH]


def exact_match(field: str, term: str) -> Q:
    """A filter: `field` equals `term`. The `<> ''` half repeats the condition of the partial
    unique index on (organization, field), so SQLite uses that index (it matches the condition
    as written)."""
    return Q(**{field: clean_term(term)}) & ~Q(**{field: ""})


# Migrations -------------------------------------------------------------------------------

TRIGGER_EVENTS = ("insert", "update", "delete")


def search_index(
    table: str, columns: Sequence[str], replaces: Sequence[str] = ()
) -> migrations.RunPython:
    """A migration operation that indexes `columns` of `table` for text_search(): on SQLite the
    FTS5 table and its triggers, on PostgreSQL one GIN trigram index per column. `replaces`:
    the columns of the index it replaces (SQLite's FTS table is one per model, so a new column
    means a new table). Running it again is safe and repairs the index. A later migration
    that makes SQLite rebuild `table` (most AlterField do) drops its triggers:
    search_triggers_repair() puts them back after every migrate."""

    def change(schema_editor, old: Sequence[str], new: Sequence[str]):
        vendor = schema_editor.connection.vendor
        # PostgreSQL's indexes are one per column: only a column left out loses its own.
        gone = old if vendor == "sqlite" else [c for c in old if c not in new]
        for sql in drop_sql(vendor, table, gone) + index_sql(vendor, table, new):
            schema_editor.execute(sql, params=None)

    def forwards(apps, schema_editor):
        change(schema_editor, replaces, columns)

    def backwards(apps, schema_editor):
        change(schema_editor, columns, replaces)

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
    """On SQLite, re-create the triggers of every search index (an FTS5 table `<table>_search`)
    that lacks them, and rebuild that index from its table: rows written while the triggers
    were missing are not in it. The columns are read from the FTS table itself. Returns the
    repaired tables. Run after every migrate."""
    if connection.vendor != "sqlite":
        return []  # PostgreSQL keeps (and rebuilds) indexes when it rewrites a table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_search' "
            "ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        repaired = []
        for fts in indexes:
            if all(f"{fts}_{event}" in triggers for event in TRIGGER_EVENTS):
                continue
            table = fts.removesuffix("_search")
            cursor.execute(f"PRAGMA table_info({fts})")
            columns = [row[1] for row in cursor.fetchall()]
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
