"""cdnow on the real master and sample files, checked against sums made here from the text."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum

from tests.conftest import shared_data_dir
from topline.accounts.models import Organization
from topline.contacts.models import Contact
from topline.core.money import to_micros
from topline.dataio.runner import import_run
from topline.sales.models import Order, OrderLine

pytestmark = pytest.mark.realdata


def purchases(name, customer_column=0):
    """(customer without leading zeros, date, cds, dollars) for each line of the file."""
    with open(shared_data_dir() / "cdnow" / name, encoding="utf-8") as handle:
        fields = [line.split() for line in handle if line.strip()]
    if fields[0][0] == "customer_id":
        fields = fields[1:]
    return [(str(int(f[customer_column])), f[-3], int(f[-2]), Decimal(f[-1])) for f in fields]


def check(org, rows):
    orders = Order.objects.for_org(org)
    assert orders.count() == OrderLine.objects.for_org(org).count() == len(rows)
    total = orders.aggregate(t=Sum("total_micros"))["t"]
    assert total == to_micros(sum(value for *_, value in rows))
    customers = {customer for customer, *_ in rows}
    assert set(Contact.objects.for_org(org).values_list("external_id", flat=True)) == customers
    # Same-day purchases stay separate orders: -2, -3 ... for the second and later ones.
    same_day = Counter((customer, day) for customer, day, *_ in rows)
    assert orders.exclude(number__endswith="-1").count() == sum(n - 1 for n in same_day.values())
    assert orders.filter(total_micros=0).count() == sum(1 for *_, v in rows if v == 0)
    cds = Counter(f"{n} CDs" for _, _, n, _ in rows)
    stored = Counter(OrderLine.objects.for_org(org).values_list("product_name", flat=True))
    assert stored == cds


def test_master(db, cdnow_master):
    org, report = cdnow_master
    rows = purchases("CDNOW_master.txt")
    assert report.errors == []
    assert (len(rows), len({r[0] for r in rows})) == (69659, 23570)
    check(org, rows)
    assert Organization.objects.get(pk=org.pk).currency == "USD"


def test_sample(db):
    path = shared_data_dir() / "cdnow" / "CDNOW_sample.txt"
    report = import_run(preset="cdnow", path=path, org_slug="cdnow-sample")
    org = Organization.objects.get(slug="cdnow-sample")
    rows = purchases("CDNOW_sample.txt")
    assert report.errors == []
    assert (len(rows), len({r[0] for r in rows})) == (6919, 2357)
    check(org, rows)

    again = import_run(preset="cdnow", path=path, org_slug="cdnow-sample")
    assert (again.kind("orders").created, again.kind("orders").skipped) == (0, 6919)
    assert Order.objects.for_org(org).count() == 6919
