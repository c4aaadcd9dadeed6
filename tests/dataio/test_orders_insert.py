"""The lean insert stores exactly what sales.services.orders_save_bulk stores, and a batch the
database refuses is retried row by row so only the refused rows are left out."""

import datetime as dt

from django.db import connection

from tests.factories import contact_make, org_make
from topline.accounts.models import Organization
from topline.dataio.orders import orders_insert
from topline.dataio.runner import import_run
from topline.sales.models import Order
from topline.sales.services import LineInput, order_build, orders_save_bulk, product_create

LINES = [
    # quantity, unit price, discount, with product, name
    ("6", "2.55", "0", True, "WHITE HANGING HEART T-LIGHT HOLDER "),
    ("-12", "1.65", "0", True, ""),
    ("1.2345", "0.000001", "0.125", False, "a fraction, £ and a comma"),
    ("80995", "2.08", "1", True, "PAPER CRAFT , LITTLE BIRDIE"),
    ("1", "-11062.06", "0", False, "Adjust bad debt"),
    ("0", "0", "0", False, ""),
]


def build_orders(org):
    product = product_create(organization=org, code="85123A", name="HEART", price="2.55")
    contact = contact_make(org, source="web")
    built = []
    for n in range(3):
        lines = [
            LineInput(
                quantity=q,
                unit_price=p,
                discount=d,
                product=product if with_product else None,
                product_name=name,
            )
            for q, p, d, with_product, name in LINES
        ]
        built.append(
            order_build(
                organization=org,
                number=f"N{n}",
                ordered_on=dt.date(2011, 1, n + 1),
                lines=lines,
                contact=contact if n else None,
            )
        )
    return built


STORED = """
    SELECT o.number, o.ordered_on, o.contact_id IS NULL, o.currency, o.total_micros,
           o.line_count, o.source, o.campaign, l.line_no, p.code, l.product_code,
           l.product_name, l.quantity, l.unit_price_micros, l.discount, l.total_micros
    FROM sales_orderline l
    JOIN sales_order o ON o.id = l.order_id
    LEFT JOIN sales_product p ON p.id = l.product_id
    WHERE l.organization_id = %s AND o.organization_id = %s
    ORDER BY o.number, l.line_no
"""


def stored(org):
    with connection.cursor() as cursor:
        cursor.execute(STORED, [org.id, org.id])
        # The driver's types too: SQLite keeps 6 and 6.0 apart, Python's == would not.
        return [tuple((type(v).__name__, v) for v in row) for row in cursor.fetchall()]


def test_it_stores_the_same_rows_as_bulk_create(db):
    django_org, lean_org = org_make(currency="GBP"), org_make(currency="GBP")

    orders_save_bulk(build_orders(django_org))
    assert orders_insert(build_orders(lean_org)) == 18

    assert stored(lean_org) == stored(django_org)
    assert len(stored(lean_org)) == 18


def test_it_sets_the_ids_of_the_orders_and_lines(db):
    org = org_make()
    built = build_orders(org)
    orders_insert(built)
    for order, lines in built:
        assert Order.objects.for_org(org).get(pk=order.pk).number == order.number
        assert {line.order_id for line in lines} == {order.pk}


def test_a_refused_batch_is_retried_order_by_order(db, tmp_path, monkeypatch):
    """An order number written by someone else after the import read the existing ones:
    the database refuses that invoice alone."""
    header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    path = tmp_path / "r.csv"
    path.write_text(
        header
        + "1,A,a,1,2011-01-01 10:00:00,1.5,,UK\n"
        + "2,A,a,2,2011-01-01 10:00:00,1.5,,UK\n"
        + "3,A,a,3,2011-01-01 10:00:00,1.5,,UK\n"
    )
    import_run(preset="online-retail", path=path, org_slug="shop")
    org = Organization.objects.get(slug="shop")
    Order.objects.for_org(org).exclude(number="2").delete()
    # The import reads the existing order numbers once; pretend it read none.
    real_values_list = Order.objects.__class__.values_list

    def forgetful(self, *fields, **kw):
        if fields == ("number",):
            return []
        return real_values_list(self, *fields, **kw)

    monkeypatch.setattr(type(Order.objects.for_org(org)), "values_list", forgetful)

    report = import_run(preset="online-retail", path=path, org_slug="shop")
    monkeypatch.undo()

    assert [(e.row, e.field) for e in report.errors] == [(3, "-")]
    assert report.errors[0].reason.startswith("refused by the database")
    assert (report.kind("orders").created, report.kind("orders").errors) == (2, 1)
    assert sorted(Order.objects.for_org(org).values_list("number", flat=True)) == ["1", "2", "3"]
    assert Order.objects.for_org(org).get(number="3").total_micros == 4_500_000
    assert sum(o.total_micros for o in Order.objects.for_org(org)) == 9_000_000
