"""online-retail on all 13 monthly files: every line is stored, and the sums per month in SQL
equal the Decimal sums of the files, worked out here with plain csv."""

import csv
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.db.models.functions import TruncMonth

from tests.conftest import shared_data_dir
from topline.contacts.models import Contact
from topline.core.money import to_micros
from topline.dataio.runner import import_run
from topline.sales.models import Order, OrderLine, Product

pytestmark = pytest.mark.realdata
FOLDER = "uci_online_retail"


@pytest.fixture(scope="module")
def expected():
    """What the files say, in one pass."""
    months = defaultdict(Decimal)
    invoices, customers, names = {}, set(), {}
    lines = 0
    exact = Counter()
    for path in sorted((shared_data_dir() / FOLDER).glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                lines += 1
                months[r["InvoiceDate"][:7]] += Decimal(r["Quantity"]) * Decimal(r["UnitPrice"])
                invoices.setdefault(r["InvoiceNo"], r["CustomerID"])
                if not names.get(r["StockCode"]):
                    names[r["StockCode"]] = r["Description"].strip()
                if r["CustomerID"]:
                    customers.add(str(int(Decimal(r["CustomerID"]))))
                exact[tuple(r.values())] += 1
    return {
        "lines": lines,
        "months": months,
        "invoices": invoices,
        "customers": customers,
        "names": names,
        "duplicates": sum(n - 1 for n in exact.values() if n > 1),
    }


def test_all_lines_are_stored(db, retail, expected):
    org, report = retail
    assert report.errors == []
    assert OrderLine.objects.for_org(org).count() == expected["lines"] == 541909
    assert report.kind("order lines").created == 541909
    # Exact duplicate rows are purchases too: none is merged away.
    assert expected["duplicates"] == 5268


def test_line_sums_per_month_equal_the_files(db, retail, expected):
    org, _ = retail
    months = dict(
        OrderLine.objects.for_org(org)
        .annotate(month=TruncMonth("order__ordered_on"))
        .values_list("month")
        .annotate(total=Sum("total_micros"))
    )
    assert {m.strftime("%Y-%m"): t for m, t in months.items()} == {
        m: to_micros(v) for m, v in expected["months"].items()
    }
    total = OrderLine.objects.for_org(org).aggregate(t=Sum("total_micros"))["t"]
    assert total == to_micros(sum(expected["months"].values())) == to_micros("9747747.934")
    assert expected["months"]["2010-12"] == Decimal("748957.02")
    assert expected["months"]["2011-11"] == Decimal("1461756.25")
    # The orders' own totals add up to the same figures.
    by_order = Order.objects.for_org(org).aggregate(t=Sum("total_micros"), n=Sum("line_count"))
    assert (by_order["t"], by_order["n"]) == (total, 541909)


def test_orders_customers_and_products(db, retail, expected):
    org, _ = retail
    orders = Order.objects.for_org(org)
    assert orders.count() == len(expected["invoices"]) == 25900
    no_customer = sum(1 for customer in expected["invoices"].values() if not customer)
    assert orders.filter(contact__isnull=True).count() == no_customer == 3710
    contacts = set(Contact.objects.for_org(org).values_list("external_id", flat=True))
    assert contacts == expected["customers"]
    assert len(contacts) == 4372
    # A product is named by the first non-blank description of its code, else by the code.
    products = dict(Product.objects.for_org(org).values_list("code", "name"))
    assert products == {code: name or code for code, name in expected["names"].items()}
    assert orders.filter(number__startswith="C").count() == 3836
    # Invoices whose lines are a minute apart are still one order each.
    assert max(orders.values_list("line_count", flat=True)) > 1


def test_cancellations_and_adjustments_keep_their_sign(db, retail):
    org, _ = retail
    lines = OrderLine.objects.for_org(org)
    assert lines.filter(quantity__lt=0).count() == 10624
    assert lines.filter(order__number__startswith="C", total_micros__gt=0).count() == 0
    adjust = lines.filter(order__number__startswith="A").order_by("order__number")
    assert adjust.filter(unit_price_micros=-11_062_060_000).count() == 2
    assert lines.filter(unit_price_micros=0).count() == 2515
    first = lines.get(order__number="536365", line_no=1)
    assert (first.product.code, first.product_name, first.quantity) == (
        "85123A",
        "WHITE HANGING HEART T-LIGHT HOLDER",
        6,
    )
    with open(shared_data_dir() / FOLDER / "online_retail_2010-12.csv", encoding="utf-8") as f:
        in_file = [r["StockCode"] for r in csv.DictReader(f) if r["InvoiceNo"] == "536365"]
    stored = lines.filter(order__number="536365").order_by("line_no")
    assert list(stored.values_list("line_no", "product_code")) == list(enumerate(in_file, start=1))


def test_a_second_run_creates_nothing(db, retail):
    org, _ = retail

    again = import_run(preset="online-retail", path=shared_data_dir() / FOLDER, org_slug=org.slug)

    assert {k: (c.created, c.skipped, c.errors) for k, c in again.kinds.items()} == {
        "contacts": (0, 4372, 0),
        "products": (0, 4070, 0),
        "orders": (0, 25900, 0),
        "order lines": (0, 541909, 0),
    }
    assert OrderLine.objects.for_org(org).count() == 541909
