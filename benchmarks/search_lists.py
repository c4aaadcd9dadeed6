"""Time the contact and lead list search at 500,000 rows in one organization.

    TOPLINE_HOME=/tmp/bench-search uv run python benchmarks/search_lists.py [--rows 500000]
        [--runs 7] [--icontains] [--analyze] [--explain]

The first run migrates the scratch database and fills organization `bench-search` with --rows
contacts and --rows leads (plus 1,000 of each in a second organization, so tenancy is part of
the picture); later runs reuse them. Each search runs through the selectors as the list page
runs it (the first page: page size + 1 rows) after two warm-ups; the median of --runs is
printed with the number of matches. Works on PostgreSQL too (set DATABASE_URL).

--icontains times the search as it was before the index (a plain icontains scan);
--analyze first gathers the planner statistics, which the database then keeps: on SQLite
PRAGMA analysis_limit=1000; ANALYZE (about 15 ms here), on PostgreSQL VACUUM ANALYZE.

Terms: `quokka` is rare (3 rows), `medlic` medium (1 row in 1,000), `jame` frequent (1 in 50),
`son` common (about 1 in 7), `example` in half the e-mail addresses, `an` a two-character
term (trigrams cannot serve it); then terms of several words: a full name with a rare surname,
a two-letter word beside a rare one, and a full name whose words are both frequent.
--selective N moves the SQLite threshold between fetching the FTS matches and walking the
sort index (core/search.py SELECTIVE), to compare the two plans on the same terms.
"""

import argparse
import datetime as dt
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topline.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from topline.accounts.models import Organization  # noqa: E402
from topline.accounts.services import organization_create  # noqa: E402
from topline.contacts.models import Contact  # noqa: E402
from topline.contacts.selectors import contact_list  # noqa: E402
from topline.core import search  # noqa: E402
from topline.leads.models import Lead  # noqa: E402
from topline.leads.selectors import lead_list  # noqa: E402


def words(text: str) -> list[str]:
    return text.split()


FIRST = words(
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Chris Nancy Daniel Lisa Matthew "
    "Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna "
    "Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah"
)
LAST = words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts"
)
DOMAINS = words("example.com mail.test corp.example acme.test globex.example initech.test")
COMPANIES = words("Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Wonka Cyberdyne")
TERMS = {
    "rare": "quokka",
    "medium": "medlic",
    "frequent": "jame",
    "common": "son",
    "most": "example",
    "2-char": "an",
    # Several words, each in some field: a full name, and a short word the index cannot
    # take beside a rare one.
    "full name": "margaret quokkafield",
    "short + rare": "ma quokka",
    "full common": "james smith",
}
SLUG = "bench-search"


def person(i: int) -> dict:
    first, last = FIRST[i * 7 % len(FIRST)], LAST[i * 13 % len(LAST)]
    if i % 1000 == 500:
        last = "Medlicott"
    if i in (11, 250_011, 499_911):
        last = "Quokkafield"
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last}{i}@{DOMAINS[i % len(DOMAINS)]}".lower(),
    }


def insert(model, rows) -> None:
    """executemany with every concrete column: 500,000 rows in seconds, not minutes."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"
    defaults = {f.attname: f.get_default() for f in fields}
    now = timezone.now()
    defaults.update(created_at=now, updated_at=now)
    prep = [(f.attname, f) for f in fields]
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            values = {**defaults, **row}
            batch.append(tuple(f.get_db_prep_save(values[name], connection) for name, f in prep))
            if len(batch) == 10_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def fill(org: Organization, rows: int) -> None:
    day = dt.date(2020, 1, 1)
    with transaction.atomic():
        insert(Contact, ({"organization_id": org.id, **person(i)} for i in range(rows)))
        insert(
            Lead,
            (
                {
                    "organization_id": org.id,
                    **person(i),
                    "company_name": f"{COMPANIES[i % len(COMPANIES)]} {i % 977}",
                    "captured_on": day + dt.timedelta(days=i % 1500),
                    "score": i % 100,
                    "source": "web",
                }
                for i in range(rows)
            ),
        )


def ensure_data(rows: int) -> Organization:
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - start:.1f} s")
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        start = time.perf_counter()
        org = organization_create(name="Bench search", slug=SLUG, currency="USD")
        other = organization_create(name="Bench other", slug=f"{SLUG}-other", currency="USD")
        fill(org, rows)
        fill(other, 1_000)
        print(f"filled {rows:,} contacts and leads in {time.perf_counter() - start:.0f} s")
    return org


def timed(fetch, runs: int) -> float:
    for _ in range(2):
        fetch()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fetch()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--icontains", action="store_true", help="no index: the old scan")
    parser.add_argument("--analyze", action="store_true", help="gather planner statistics")
    parser.add_argument("--selective", type=int, default=search.SELECTIVE)
    parser.add_argument("--explain", action="store_true", help="print each query plan")
    args = parser.parse_args()
    org = ensure_data(args.rows)
    search.SELECTIVE = args.selective
    if args.icontains:
        search.TRIGRAM = 10**9
    if args.analyze:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit=1000")
                cursor.execute("ANALYZE")
            else:  # also merges the rows a bulk insert left in the GIN pending lists
                cursor.execute("VACUUM ANALYZE")
    page = settings.TOPLINE_PAGE_SIZE + 1
    print(f"{connection.vendor}, {Contact.objects.for_org(org).count():,} contacts")
    print(f"{'list':<9} {'term':<34} {'matches':>8} {'page ms':>8}")
    for name, selector in (("contacts", contact_list), ("leads", lead_list)):
        for kind, term in TERMS.items():
            # The selector call is timed too: on SQLite it counts the FTS matches.
            ms = timed(lambda s=selector, t=term: list(s(org=org, search=t)[:page]), args.runs)
            qs = selector(org=org, search=term)
            print(f"{name:<9} {kind + ' ' + term:<34} {qs.count():>8} {ms:>8.1f}")
            if args.explain:
                print("   ", qs[:page].explain().replace("\n", "\n    "))


if __name__ == "__main__":
    main()
