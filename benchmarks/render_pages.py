"""Server time of the pipeline board and the revenue dashboard with real data loaded.

    TOPLINE_HOME=/tmp/bench uv run python benchmarks/render_pages.py [--import] [--runs 20]

With --import, the maven-crm and online-retail data sets (../shared/data) are imported first
into organizations `bench-maven` and `bench-retail` unless present. Each page is requested
through Django's test client (no network, no browser: the time is the server's), after two
warm-up requests; the median and the 90th percentile are printed with the query count.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topline.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from topline.accounts.models import Organization, User  # noqa: E402
from topline.accounts.services import membership_ensure  # noqa: E402
from topline.deals.models import Pipeline  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = {
    "bench-maven": ("maven-crm", "maven_crm_sales_opportunities"),
    "bench-retail": ("online-retail", "uci_online_retail"),
}


def ensure_data(do_import: bool) -> dict[str, Organization]:
    orgs = {}
    if do_import:
        call_command("migrate", verbosity=0)  # a fresh TOPLINE_HOME has no tables yet
    for slug, (preset, folder) in SETS.items():
        if not Organization.objects.filter(slug=slug).exists():
            if not do_import:
                sys.exit(f"organization {slug} is missing: run with --import")
            call_command("import", preset, str(DATA / folder), org=slug)
        orgs[slug] = Organization.objects.get(slug=slug)
    return orgs


def timed(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--import", dest="do_import", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    orgs = ensure_data(args.do_import)
    user, _ = User.objects.get_or_create(username="bench")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(f"{'page':<40} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for slug, org in orgs.items():
        membership_ensure(organization=org, user=user)
        session = client.session
        session["org_id"] = org.id
        session.save()
        pipeline = Pipeline.objects.for_org(org).order_by("-is_default", "id").first()
        pages = {
            "dashboard (all time)": "/?period=all",
            "dashboard (2011)": "/?from=2011-01-01&to=2011-12-31",
            "board": f"/pipeline/?pipeline={pipeline.id}" if pipeline else "/pipeline/",
        }
        for name, url in pages.items():
            median, p90, queries = timed(client, url, args.runs)
            print(f"{slug + ' ' + name:<40} {median:>10.1f} {p90:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
