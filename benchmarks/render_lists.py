"""Server time of the five list pages with 500,000 rows of each kind in one organization.

    TOPLINE_HOME=/tmp/bench-search uv run python benchmarks/render_lists.py [--runs 10]

Builds on the database of benchmarks/search_lists.py (500,000 contacts and leads in
organization `bench-search`, filled on its first run) and adds 500,000 companies, deals and
orders to it once. Each page is requested through Django's test client (server time: query,
template, no network) after two warm-ups: the first page in each sort order, a page deep in
the list, a filter, and a search. Median of --runs, with the query count.
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from render_pages import timed  # noqa: E402  (sets Django up)
from search_lists import SLUG, ensure_data, insert  # noqa: E402

from topline.accounts.models import User  # noqa: E402
from topline.accounts.services import membership_ensure  # noqa: E402
from topline.contacts.models import Company  # noqa: E402
from topline.core.planner import planner_statistics_refresh  # noqa: E402
from topline.deals.models import Deal  # noqa: E402
from topline.deals.services import pipeline_default  # noqa: E402
from topline.sales.models import Order  # noqa: E402

ROWS = 500_000
COUNTRIES = ["Germany", "France", "United Kingdom", "Spain", "Italy", "Poland", "Sweden"]


def fill_sales(org) -> None:
    """Companies, then a deal and an order for each (ids read back to link them)."""
    if Company.objects.for_org(org).exists():
        return
    start = time.perf_counter()
    day = dt.date(2020, 1, 1)
    stages = list(pipeline_default(organization=org).stages.order_by("order"))
    with transaction.atomic():
        insert(
            Company,
            (
                {"organization_id": org.id, "name": f"Company {i:06d}", "country": COUNTRIES[i % 7]}
                for i in range(ROWS)
            ),
        )
        ids = list(Company.objects.for_org(org).order_by("id").values_list("id", flat=True))
        insert(
            Deal,
            (
                {
                    "organization_id": org.id,
                    "title": f"Deal {i:06d}",
                    "pipeline_id": stages[0].pipeline_id,
                    "stage_id": stages[i % len(stages)].id,
                    "company_id": ids[i],
                    "amount_micros": (i % 5000) * 1_000_000,
                    "currency": "USD",
                    "close_date": day + dt.timedelta(days=i % 1500),
                }
                for i in range(ROWS)
            ),
        )
        insert(
            Order,
            (
                {
                    "organization_id": org.id,
                    "number": f"SO-{i:07d}",
                    "ordered_on": day + dt.timedelta(days=i % 1500),
                    "company_id": ids[i],
                    "currency": "USD",
                    "total_micros": (i % 9000) * 1_000_000,
                    "line_count": 1,
                }
                for i in range(ROWS)
            ),
        )
    planner_statistics_refresh()
    print(f"filled {ROWS:,} companies, deals and orders in {time.perf_counter() - start:.0f} s")


PAGES = {
    "leads": "/leads/",
    "leads by score": "/leads/?sort=-score",
    "leads page 2,000": "/leads/?page=2000",
    "leads source + status": "/leads/?source=web&status=new",
    "leads search": "/leads/?q=medlicott",
    "contacts": "/contacts/",
    "contacts by e-mail": "/contacts/?sort=email",
    "contacts page 2,000": "/contacts/?page=2000",
    "contacts search": "/contacts/?q=margaret+quokkafield",
    "companies": "/companies/",
    "companies page 2,000": "/companies/?page=2000",
    "companies in Sweden": "/companies/?country=Sweden",
    "companies search": "/companies/?q=company+012345",
    "deals": "/deals/",
    "deals by amount": "/deals/?sort=-amount",
    "deals page 2,000": "/deals/?page=2000",
    "deals closing in May 2021": "/deals/?close_from=2021-05-01&close_to=2021-05-31",
    "deals search": "/deals/?q=deal+012345",
    "orders": "/orders/",
    "orders by total": "/orders/?sort=-total",
    "orders page 2,000": "/orders/?page=2000",
    "orders in May 2021": "/orders/?date_from=2021-05-01&date_to=2021-05-31",
    "orders search number": "/orders/?q=so-0012345",
    "orders search company": "/orders/?q=company+012345",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    org = ensure_data(ROWS)
    fill_sales(org)
    user, _ = User.objects.get_or_create(username="bench-lists")
    membership_ensure(organization=org, user=user)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session["org_id"] = org.id
    session.save()
    print(f"{connection.vendor}, organization {SLUG}")
    print(f"{'page':<28} {'median ms':>10} {'queries':>8}")
    for name, url in PAGES.items():
        median, _p90, queries = timed(client, url, args.runs)
        print(f"{name:<28} {median:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
