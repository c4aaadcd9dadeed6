"""Bad rows are reported by file, row and column, and only they are left out; a file that
cannot be read at all (missing, wrong columns) stops the import before anything is written."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from topline.accounts.models import Organization
from topline.contacts.models import Contact
from topline.core.money import to_micros
from topline.dataio.csvfiles import UnusableInput
from topline.dataio.report import RowError
from topline.dataio.runner import import_run
from topline.sales.models import Order, OrderLine, Product

HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
RETAIL = HEADER + (
    "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"  # 2
    "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"  # 3
    "536366,22633,HAND WARMER,six,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n"  # 4
    "536366,22632,HAND WARMER RED,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n"  # 5
    "536367,84879,BIRD ORNAMENT,32,2010-13-01 08:34:00,1.69,13047.0,United Kingdom\n"  # 6
    "C536368,22556,PLASTERS,-12,2010-12-01 08:35:00,1.65,,United Kingdom\n"  # 7
    '536369,21756,"BATH BUILDING BLOCK, WORD",3,2010-12-01 08:35:00,5.95,abc,France\n'  # 8
    "536370,22728,ALARM CLOCK,24,2010-12-01 08:45:00,3.75,12583.0\n"  # 9: a cell short
)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def retail_orders(slug):
    org = Organization.objects.get(slug=slug)
    return {o.number: o for o in Order.objects.for_org(org)}


def test_it_reports_each_bad_row_with_its_column_and_keeps_the_good_ones(db, tmp_path):
    path = write(tmp_path / "retail.csv", RETAIL)

    report = import_run(preset="online-retail", path=path, org_slug="shop")

    assert report.errors == [
        RowError("retail.csv", 4, "Quantity", "'six' is not a number"),
        RowError("retail.csv", 5, "InvoiceNo", "invoice 536366 not imported: see row 4"),
        RowError(
            "retail.csv",
            6,
            "InvoiceDate",
            "'2010-13-01 08:34:00' is not a date (YYYY-MM-DD or YYYYMMDD)",
        ),
        RowError("retail.csv", 8, "CustomerID", "'abc' is not a number"),
        RowError("retail.csv", 9, "-", "has 7 cells, the header has 8"),
    ]
    assert (report.kind("orders").created, report.kind("orders").errors) == (2, 4)
    assert (report.kind("order lines").created, report.kind("order lines").errors) == (3, 5)
    orders = retail_orders("shop")
    assert sorted(orders) == ["536365", "C536368"]
    assert orders["536365"].contact.external_id == "17850"
    assert orders["536365"].total_micros == to_micros(Decimal("35.64"))  # 6 × 2.55 + 6 × 3.39
    assert orders["C536368"].contact is None
    assert orders["C536368"].total_micros == to_micros(Decimal("-19.80"))
    org = Organization.objects.get(slug="shop")
    assert OrderLine.objects.for_org(org).count() == 3


def test_it_keeps_customers_and_products_of_a_rejected_invoice(db, tmp_path):
    # The customer id and stock code on row 6 are valid; only the date is not.
    import_run(preset="online-retail", path=write(tmp_path / "r.csv", RETAIL), org_slug="shop")
    org = Organization.objects.get(slug="shop")
    assert set(Contact.objects.for_org(org).values_list("external_id", flat=True)) == {
        "17850",
        "13047",
    }
    assert Product.objects.for_org(org).filter(code="84879").exists()


def test_it_refuses_a_file_with_a_missing_column_before_writing(db, tmp_path):
    path = write(tmp_path / "retail.csv", RETAIL.replace("Quantity,", "Qty,", 1))

    with pytest.raises(UnusableInput, match=r"missing column\(s\) Quantity"):
        import_run(preset="online-retail", path=path, org_slug="shop")
    with pytest.raises(CommandError, match="Quantity"):
        call_command("import", "online-retail", str(path), org="shop")
    assert not Organization.objects.filter(slug="shop").exists()


def test_it_refuses_a_missing_folder_or_file(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import", "online-retail", str(tmp_path / "nope"), org="shop")
    write(tmp_path / "accounts.csv", MAVEN["accounts.csv"])
    with pytest.raises(CommandError, match="products.csv is missing"):
        call_command("import", "maven-crm", str(tmp_path), org="shop")
    assert not Organization.objects.filter(slug="shop").exists()


def test_it_refuses_an_organization_in_another_currency(db, tmp_path):
    from tests.factories import org_make

    org = org_make(currency="EUR")
    path = write(tmp_path / "retail.csv", RETAIL)
    with pytest.raises(UnusableInput, match="keeps its books in EUR"):
        import_run(preset="online-retail", path=path, org_slug=org.slug)
    assert Order.objects.for_org(org).count() == 0


MAVEN = {
    "accounts.csv": (
        "account,sector,year_established,revenue,employees,office_location,subsidiary_of\r\n"
        "Acme Corporation,technolgy,1996,1100.04,2822,United States,\r\n"  # 2
        "Bluth Company,technolgy,1993,1242.32,many,United States,Acme Corporation\r\n"  # 3
        "Codehow,software,1998,2714.90,2641,Philipines,Acme Corporation\r\n"  # 4
        "Orphan,retail,2001,10.00,12,Kenya,Nobody Inc\r\n"  # 5
    ),
    "products.csv": "product,series,sales_price\r\nGTX Pro,GTX,4821\r\nMG Special,MG,55\r\n",
    "sales_teams.csv": (
        "sales_agent,manager,regional_office\r\n"
        "Moses Frase,Dustin Brinkmann,Central\r\n"
        "Anna Snelling,Dustin Brinkmann,Central\r\n"
    ),
    "sales_pipeline.csv": (
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,"
        "close_value\r\n"
        "Z063OYW0,Moses Frase,GTXPro,Codehow,Won,2016-10-25,2017-03-11,4514\r\n"  # 2
        "EC4QE1BX,Anna Snelling,MG Special,Acme Corporation,Lost,2016-10-25,2017-03-07,0\r\n"
        "MV1LWRNH,Moses Frase,MG Special,,Engaging,2016-10-32,,\r\n"  # 4: bad date
        "PE84CX4O,Zane Levy,MG Special,Codehow,Engaging,2016-10-25,,\r\n"  # 5: unknown agent
        "ZZ5LQRMM,Anna Snelling,GTX Pro,Codehow,Won,2016-10-25,2017-03-11,\r\n"  # 6: no value
        "ZZ5LQRMN,Anna Snelling,MG Special,Bluth Company,Prospecting,,,\r\n"  # 7: bad account
        "Z063OYW0,Moses Frase,GTXPro,Codehow,Won,2016-10-25,2017-03-11,4514\r\n"  # 8: again
    ),
}


def test_maven_bad_rows(db, tmp_path):
    for name, text in MAVEN.items():
        (tmp_path / name).write_bytes(text.encode())

    report = import_run(preset="maven-crm", path=tmp_path, org_slug="maven")

    assert report.errors == [
        RowError("accounts.csv", 3, "employees", "'many' is not a whole number"),
        RowError("accounts.csv", 5, "subsidiary_of", "'Nobody Inc' is not an imported account"),
        RowError(
            "sales_pipeline.csv",
            4,
            "engage_date",
            "'2016-10-32' is not a date (YYYY-MM-DD or YYYYMMDD)",
        ),
        RowError(
            "sales_pipeline.csv", 5, "sales_agent", "'Zane Levy' is not in the sales teams file"
        ),
        RowError("sales_pipeline.csv", 6, "close_value", "is required"),
        RowError("sales_pipeline.csv", 7, "account", "'Bluth Company' is not an imported account"),
        RowError("sales_pipeline.csv", 8, "opportunity_id", "'Z063OYW0' is already on row 2"),
    ]
    org = Organization.objects.get(slug="maven")
    order = Order.objects.for_org(org).get(number="MAVEN-Z063OYW0")
    line = order.lines.get()
    # GTXPro in the pipeline is GTX Pro in products.csv.
    assert (line.product.code, line.product_name, line.total_micros) == (
        "GTX Pro",
        "GTX Pro",
        to_micros(4514),
    )
    assert order.deal.external_id == "Z063OYW0"
    assert order.company.name == "Codehow"
    assert order.company.parent.name == "Acme Corporation"
    assert report.kind("deals").created == 2


def test_an_invoice_split_across_files_is_one_order(db, tmp_path):
    write(tmp_path / "a.csv", RETAIL)
    write(
        tmp_path / "b.csv",
        HEADER + "536365,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-01 08:26:00,7.65,"
        "17850.0,United Kingdom\n",
    )

    report = import_run(preset="online-retail", path=tmp_path, org_slug="shop")

    order = retail_orders("shop")["536365"]
    assert (order.line_count, order.total_micros) == (3, to_micros(Decimal("50.94")))
    assert [(line.line_no, line.product_code) for line in order.lines.all()] == [
        (1, "85123A"),
        (2, "71053"),
        (3, "22752"),
    ]
    assert report.kind("order lines").created == 4


def test_a_dry_run_reports_the_same_and_stores_nothing(db, tmp_path):
    path = write(tmp_path / "retail.csv", RETAIL)

    dry = import_run(preset="online-retail", path=path, org_slug="shop", dry_run=True)
    assert not Organization.objects.filter(slug="shop").exists()
    real = import_run(preset="online-retail", path=path, org_slug="shop")

    assert dry.dry_run and not real.dry_run
    assert (dry.errors, dry.kinds) == (real.errors, real.kinds)


def test_worker_processes_report_and_store_the_same(db, tmp_path, monkeypatch):
    from topline.dataio.presets import online_retail

    write(tmp_path / "a.csv", RETAIL)
    write(
        tmp_path / "b.csv",
        HEADER + "536365,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-01 08:26:00,7.65,"
        "17850.0,United Kingdom\n",
    )
    in_process = import_run(preset="online-retail", path=tmp_path, org_slug="one")
    monkeypatch.setattr(online_retail, "PARALLEL_FROM", 0)
    monkeypatch.setattr(online_retail, "worker_count", lambda: 2)

    in_workers = import_run(preset="online-retail", path=tmp_path, org_slug="two")

    assert (in_workers.errors, in_workers.kinds) == (in_process.errors, in_process.kinds)
    one, two = retail_orders("one"), retail_orders("two")
    assert {n: (o.total_micros, o.line_count) for n, o in two.items()} == {
        n: (o.total_micros, o.line_count) for n, o in one.items()
    }


LINE = "536365,85123A,{},6,12/1/2010 8:26,2.55,17850,United Kingdom\n"


@pytest.mark.parametrize(
    "content, message",
    [
        # A Latin-1 "é" on the third line (row 3): the whole file is checked first.
        (
            (HEADER + LINE.format("Mug") + LINE.format("Café")).encode("latin-1"),
            "line 3: byte 0xe9",
        ),
        ((HEADER + LINE.format("Mug")).encode("utf-16"), "line 1: byte 0xff"),
        ((HEADER + LINE.format("x" * (1 << 21))).encode(), "field larger than field limit"),
    ],
)
def test_an_unreadable_file_is_one_clear_error_and_nothing_is_written(
    db, tmp_path, content, message
):
    path = tmp_path / "retail.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import", "online-retail", str(path), org="shop")
    org = Organization.objects.filter(slug="shop").first()
    assert org is None or not Order.objects.for_org(org).exists()


def test_an_errors_file_that_cannot_be_written_is_refused_before_the_import(db, tmp_path):
    path = write(tmp_path / "retail.csv", RETAIL)
    for target, message in ((tmp_path, "is a folder"), (tmp_path / "no" / "e.csv", "does not")):
        with pytest.raises(CommandError, match=message):
            call_command("import", "online-retail", str(path), org="shop", errors=target)
    assert not Organization.objects.filter(slug="shop").exists()
