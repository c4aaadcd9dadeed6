"""The search indexes the migrations make: present, in step with their tables, used, and
removable and repairable by the same migration step."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from tests.factories import contact_make, lead_make
from topline.contacts.models import Contact
from topline.contacts.selectors import contact_list
from topline.contacts.services import contact_update
from topline.core.search import drop_sql, index_sql

# What the migrations index (contacts 0003 and 0004, deals 0004, leads 0003 and 0004).
SEARCHED = {
    "contacts_company": ["name", "domain"],
    "contacts_contact": ["first_name", "last_name", "email", "phone"],
    "deals_deal": ["title"],
    "leads_lead": ["first_name", "last_name", "email", "company_name", "phone"],
}

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite drops triggers when it rebuilds a table; PostgreSQL keeps its indexes",
)


def run(statements) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def schema_names(kind: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        return {row[0] for row in cursor.fetchall()}


def assert_in_step(table: str) -> None:
    """FTS5's integrity check against the content table: raises if a row is missing, stale or
    left over in the index."""
    fts = f"{table}_search"
    run([f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"])


def test_each_searched_table_has_its_index(db):
    if connection.vendor == "sqlite":
        tables, triggers = schema_names("table"), schema_names("trigger")
        for table in SEARCHED:
            assert f"{table}_search" in tables
            for event in ("insert", "update", "delete"):
                assert f"{table}_search_{event}" in triggers
    else:
        indexes = schema_names("index")
        for table, columns in SEARCHED.items():
            for column in columns:
                assert f"{table}_{column}_trgm" in indexes


def test_the_index_stays_in_step_with_its_table(org):
    contacts = [contact_make(org, last_name=f"Quokka{n}") for n in range(5)]
    contact_update(contact=contacts[0], last_name="Wombat")
    contact_update(contact=contacts[1], title="CEO")
    Contact.objects.for_org(org).filter(pk=contacts[2].pk).update(email="w@wombat.example")
    contacts[3].delete()
    lead_make(org, company_name="Quokka Ltd").delete()

    assert {c.pk for c in contact_list(org=org, search="quokka")} == {
        contacts[1].pk,
        contacts[2].pk,
        contacts[4].pk,
    }
    assert {c.pk for c in contact_list(org=org, search="wombat")} == {
        contacts[0].pk,
        contacts[2].pk,
    }
    if connection.vendor == "sqlite":
        for table in SEARCHED:
            assert_in_step(table)


@sqlite_only
def test_migrate_repairs_triggers_a_table_rebuild_dropped(org):
    # Rebuilding a table (SQLite's way to alter a column) drops its triggers with it.
    before = contact_make(org, last_name="Quokkafield")
    run([f"DROP TRIGGER contacts_contact_search_{e}" for e in ("insert", "update", "delete")])
    missed = contact_make(org, last_name="Quokkaby")

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "contacts_contact_search_insert" in schema_names("trigger")
    assert_in_step("contacts_contact")
    assert {c.pk for c in contact_list(org=org, search="quokka")} == {before.pk, missed.pk}


def test_migrate_leaves_an_index_that_was_migrated_away(org):
    """The repair after migrate must not bring back an index whose migration was undone."""
    if connection.vendor == "postgresql":
        run(["SET CONSTRAINTS ALL IMMEDIATE"])  # no DDL on a table with pending FK checks
    run(drop_sql(connection.vendor, "deals_deal", SEARCHED["deals_deal"]))

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    names = schema_names("table") | schema_names("trigger") | schema_names("index")
    assert not any(
        name.startswith(("deals_deal_search", "deals_deal_title_trgm")) for name in names
    )


def test_the_step_can_be_undone_and_redone(org):
    contact = contact_make(org, last_name="Quokkafield")
    if connection.vendor == "postgresql":
        run(["SET CONSTRAINTS ALL IMMEDIATE"])  # no DDL on a table with pending FK checks
    for table, columns in SEARCHED.items():
        run(drop_sql(connection.vendor, table, columns))
    assert not any(name.endswith(("_search", "_trgm")) for name in schema_names("table"))
    assert not any(name.endswith("_trgm") for name in schema_names("index"))
    for table, columns in SEARCHED.items():
        run(index_sql(connection.vendor, table, columns))
    test_each_searched_table_has_its_index(None)
    assert [c.pk for c in contact_list(org=org, search="quokka")] == [contact.pk]


def test_a_term_of_three_characters_is_looked_up_in_the_index(org):
    if connection.vendor == "sqlite":
        plan = contact_list(org=org, search="quokka").explain()
        assert "contacts_contact_search VIRTUAL TABLE" in plan
    else:
        # On a few rows the planner rightly prefers other plans; forbid them to show the
        # trigram index serves Django's icontains (UPPER(col::text) LIKE UPPER(...)).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Contact._base_manager.filter(last_name__icontains="quokka").explain()
        assert "contacts_contact_last_name_trgm" in plan
