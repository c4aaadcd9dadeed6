"""maven-crm on the real files. Every expected figure is worked out here from the raw CSV with
csv + Decimal (nothing shared with the importer) and checked against the published ones."""

import csv
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from tests.conftest import shared_data_dir
from topline.accounts.models import Membership, Team
from topline.contacts.models import Company
from topline.core.money import to_micros
from topline.dataio.runner import import_run
from topline.deals.models import Deal, DealStageChange
from topline.sales.models import Order, OrderLine, Product

pytestmark = pytest.mark.realdata


def rows(name):
    path = shared_data_dir() / "maven_crm_sales_opportunities" / name
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_deals_by_stage_and_won_revenue(db, maven):
    org, report = maven
    pipeline = rows("sales_pipeline.csv")
    stages = Counter(r["deal_stage"] for r in pipeline)
    won_by_month = defaultdict(Decimal)
    for r in pipeline:
        if r["deal_stage"] == "Won":
            won_by_month[r["close_date"][:7]] += Decimal(r["close_value"])

    assert report.errors == []
    deals = Deal.objects.for_org(org)
    assert dict(deals.values_list("stage__name").annotate(n=Count("id"))) == dict(stages)
    assert (stages["Won"], stages["Lost"], stages["Engaging"] + stages["Prospecting"]) == (
        4238,
        2473,
        2089,
    )
    assert set(deals.values_list("pipeline__name", flat=True)) == {"Maven"}
    by_month = dict(
        Order.objects.for_org(org)
        .annotate(month=TruncMonth("ordered_on"))
        .values_list("month")
        .annotate(total=Sum("total_micros"))
    )
    assert {m.strftime("%Y-%m"): t for m, t in by_month.items()} == {
        m: to_micros(v) for m, v in won_by_month.items()
    }
    assert sum(won_by_month.values()) == 10005534
    assert (won_by_month["2017-06"], won_by_month["2017-12"]) == (1338466, 1131573)


def test_every_won_deal_is_an_order_of_its_product_on_its_close_date(db, maven):
    org, _ = maven
    won = {r["opportunity_id"]: r for r in rows("sales_pipeline.csv") if r["deal_stage"] == "Won"}
    orders = Order.objects.for_org(org).select_related("deal", "company")
    assert orders.count() == len(won)
    for order in orders:
        row = won[order.number.removeprefix("MAVEN-")]
        assert order.deal.external_id == row["opportunity_id"]
        assert order.ordered_on.isoformat() == row["close_date"]
        assert order.company.name == row["account"]
    lines = OrderLine.objects.for_org(org)
    by_product = Counter(r["product"] for r in won.values())
    # GTXPro in the pipeline reconciles to the product "GTX Pro": no deal is dropped.
    assert by_product["GTXPro"] > 0 and "GTX Pro" not in by_product
    by_product["GTX Pro"] = by_product.pop("GTXPro")
    assert dict(lines.values_list("product__code").annotate(n=Count("id"))) == dict(by_product)
    assert set(lines.values_list("quantity", flat=True)) == {1}


def test_amounts_dates_owners_and_companies(db, maven):
    org, _ = maven
    price = {r["product"].replace(" ", ""): Decimal(r["sales_price"]) for r in rows("products.csv")}
    pipeline = {r["opportunity_id"]: r for r in rows("sales_pipeline.csv")}
    deals = Deal.objects.for_org(org).select_related("owner", "company")
    for deal in deals:
        row = pipeline[deal.external_id]
        expected = (
            Decimal(row["close_value"])
            if row["deal_stage"] == "Won"
            else price[row["product"].replace(" ", "")]
        )
        assert deal.amount_micros == to_micros(expected)
        assert (deal.engaged_on.isoformat() if deal.engaged_on else "") == row["engage_date"]
        assert (deal.close_date.isoformat() if deal.close_date else "") == row["close_date"]
        assert deal.owner.get_full_name() == row["sales_agent"]
        assert (deal.company.name if deal.company else "") == row["account"]
    assert deals.filter(company__isnull=True).count() == 1425


def test_stage_history_is_reconstructed_from_the_dates(db, maven):
    org, _ = maven
    pipeline = rows("sales_pipeline.csv")
    expected = sum(
        2 if r["deal_stage"] in ("Won", "Lost") and r["engage_date"] else 1 for r in pipeline
    )
    changes = DealStageChange.objects.for_org(org)
    assert changes.count() == expected
    won = changes.filter(to_stage__name="Won").select_related("deal", "from_stage")
    assert won.count() == 4238
    for change in won[:200]:
        assert change.from_stage.name == "Engaging"
        assert change.changed_at.date() == change.deal.close_date
    engaged = changes.filter(to_stage__name="Engaging").select_related("deal")
    assert all(c.changed_at.date() == c.deal.engaged_on for c in engaged[:200])


def test_accounts_products_and_sales_teams(db, maven):
    org, _ = maven
    accounts = rows("accounts.csv")
    companies = {c.name: c for c in Company.objects.for_org(org).select_related("parent")}
    assert len(companies) == len(accounts) == 85
    for r in accounts:
        company = companies[r["account"]]
        assert (company.industry, company.country) == (r["sector"], r["office_location"])
        assert (company.employees, company.year_established) == (
            int(r["employees"]),
            int(r["year_established"]),
        )
        assert (company.parent.name if company.parent else "") == r["subsidiary_of"]
    assert Product.objects.for_org(org).count() == 7

    teams = rows("sales_teams.csv")
    agents, managers = {r["sales_agent"] for r in teams}, {r["manager"] for r in teams}
    roles = Counter(Membership.objects.filter(organization=org).values_list("role", flat=True))
    assert roles == {"rep": len(agents), "manager": len(managers)} == {"rep": 35, "manager": 6}
    team_sizes = {
        (t.kind, t.name): t.members.count()
        for t in Team.objects.for_org(org).prefetch_related("members")
    }
    expected = Counter()
    for r in teams:
        expected["manager", r["manager"]] += 1
        expected["office", r["regional_office"]] += 1
    for manager in managers:
        office = next(r["regional_office"] for r in teams if r["manager"] == manager)
        expected["manager", manager] += 1
        expected["office", office] += 1
    assert team_sizes == dict(expected)


def test_a_second_run_creates_nothing(db, maven):
    org, _ = maven
    before = (Deal.objects.for_org(org).count(), Order.objects.for_org(org).count())

    again = import_run(
        preset="maven-crm",
        path=shared_data_dir() / "maven_crm_sales_opportunities",
        org_slug=org.slug,
    )

    assert {kind: c.created for kind, c in again.kinds.items()} == dict.fromkeys(again.kinds, 0)
    assert again.kind("deals").skipped == 8800
    assert again.kind("orders").skipped == 4238
    assert again.errors == []
    after = (Deal.objects.for_org(org).count(), Order.objects.for_org(org).count())
    assert after == before == (8800, 4238)
