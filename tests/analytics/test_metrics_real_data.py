"""The acceptance figures of issue 2, on the real public data sets in ../shared/data.

Each expected value is worked out here from the raw files with plain csv + Decimal (code that
shares nothing with the importers) and also checked against the figures in the issue.
"""

import csv
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from tests.conftest import shared_data_dir
from topline.analytics.metrics import metrics_report
from topline.sales.models import OrderLine

pytestmark = pytest.mark.realdata


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def report_for(org, **period):
    return metrics_report(org, **period)


def test_maven_crm_figures(db, maven):
    folder = shared_data_dir() / "maven_crm_sales_opportunities"
    stages = Counter(r["deal_stage"] for r in rows(folder / "sales_pipeline.csv"))
    won_value = defaultdict(Decimal)
    for r in rows(folder / "sales_pipeline.csv"):
        if r["deal_stage"] == "Won":
            won_value[r["close_date"][:7]] += Decimal(r["close_value"])

    report = report_for(maven[0])

    deals = report["deals"]
    assert (deals["won"], deals["lost"]) == (stages["Won"], stages["Lost"]) == (4238, 2473)
    assert deals["open"] == stages["Engaging"] + stages["Prospecting"] == 2089
    assert deals["win_rate"] == "0.6315"
    assert Decimal(report["revenue"]) == sum(won_value.values()) == 10005534
    assert Decimal(report["revenue_by_month"]["2017-06"]) == won_value["2017-06"] == 1338466
    assert Decimal(report["revenue_by_month"]["2017-12"]) == won_value["2017-12"] == 1131573
    assert {m: Decimal(v) for m, v in report["revenue_by_month"].items()} == dict(won_value)


def test_olist_funnel_figures(db, olist):
    folder = shared_data_dir() / "olist_marketing_funnel"
    origin = {
        r["mql_id"]: r["origin"] or "(none)"
        for r in rows(folder / "olist_marketing_qualified_leads_dataset.csv")
    }
    won = {r["mql_id"] for r in rows(folder / "olist_closed_deals_dataset.csv")}
    expected = {
        source: {"leads": n, "converted": sum(1 for m in won if origin[m] == source)}
        for source, n in Counter(origin.values()).items()
    }

    leads = report_for(olist[0])["leads"]

    assert (leads["total"], leads["converted"]) == (len(origin), len(won)) == (8000, 842)
    assert leads["by_source"] == expected
    assert leads["by_source"]["organic_search"] == {"leads": 2296, "converted": 271}
    assert leads["by_source"]["paid_search"] == {"leads": 1586, "converted": 195}
    assert leads["by_source"]["unknown"] == {"leads": 1099, "converted": 179}


def test_online_retail_figures(db, retail):
    folder = shared_data_dir() / "uci_online_retail"
    by_month, customers, lines = defaultdict(Decimal), set(), 0
    for path in sorted(folder.glob("*.csv")):
        for r in rows(path):
            by_month[r["InvoiceDate"][:7]] += Decimal(r["Quantity"]) * Decimal(r["UnitPrice"])
            if r["CustomerID"]:
                customers.add(r["CustomerID"])
            lines += 1

    org = retail[0]
    report = report_for(org)

    assert Decimal(report["revenue"]) == sum(by_month.values()) == Decimal("9747747.934")
    assert {m: Decimal(v) for m, v in report["revenue_by_month"].items()} == dict(by_month)
    assert Decimal(report["revenue_by_month"]["2010-12"]) == Decimal("748957.02")
    assert Decimal(report["revenue_by_month"]["2011-11"]) == Decimal("1461756.25")
    assert report["customers"] == len(customers) == 4372
    assert OrderLine.objects.for_org(org).count() == lines == 541909


def test_online_retail_period_bounds_are_inclusive(db, retail):
    import datetime as dt

    folder = shared_data_dir() / "uci_online_retail"
    expected = sum(
        Decimal(r["Quantity"]) * Decimal(r["UnitPrice"])
        for r in rows(folder / "online_retail_2011-11.csv")
        if "2011-11-30" <= r["InvoiceDate"][:10] <= "2011-11-30"
    )
    day = dt.date(2011, 11, 30)
    assert Decimal(report_for(retail[0], date_from=day, date_to=day)["revenue"]) == expected
