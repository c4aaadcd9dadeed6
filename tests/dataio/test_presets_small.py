"""The olist-funnel and cdnow presets on small hand-made files, and --dry-run."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from topline.accounts.models import Organization
from topline.contacts.models import Contact
from topline.core.money import to_micros
from topline.dataio.csvfiles import UnusableInput
from topline.dataio.report import RowError
from topline.dataio.runner import import_run
from topline.deals.models import DealStageChange
from topline.leads.models import Lead
from topline.sales.models import Order

MQL = (
    "mql_id,first_contact_date,landing_page_id,origin\n"
    "aaa,2018-02-01,page1,social\n"  # 2
    "bbb,2018-02-31,page1,social\n"  # 3: no such day
    "ccc,2017-10-20,page2,\n"  # 4: blank origin stays blank
    "ddd,2018-03-08,page2,unknown\n"  # 5
)
DEALS = (
    "mql_id,seller_id,sdr_id,sr_id,won_date,business_segment,lead_type,lead_behaviour_profile,"
    "has_company,has_gtin,average_stock,business_type,declared_product_catalog_size,"
    "declared_monthly_revenue\n"
    "ccc,seller1,sdr,sr,2018-02-26 19:58:54,pet,online_medium,cat,,,,reseller,,0.0\n"  # 2
    "zzz,seller2,sdr,sr,2018-02-26 19:58:54,pet,online_medium,cat,,,,reseller,,0.0\n"  # 3
    'ddd,seller3,sdr,sr,2018-03-06 19:38:55,toys,industry,"cat, wolf",,,,reseller,,5.0\n'  # 4
    "aaa,seller4,sdr,sr,yesterday,pet,online_medium,cat,,,,reseller,,0.0\n"  # 5
)


@pytest.fixture
def olist_dir(tmp_path):
    (tmp_path / "olist_marketing_qualified_leads_dataset.csv").write_text(MQL)
    (tmp_path / "olist_closed_deals_dataset.csv").write_text(DEALS)
    return tmp_path


def test_olist_converts_leads_on_the_won_date_and_reports_bad_rows(db, olist_dir):
    report = import_run(preset="olist-funnel", path=olist_dir, org_slug="olist")

    assert report.errors == [
        RowError(
            "olist_marketing_qualified_leads_dataset.csv",
            3,
            "first_contact_date",
            "'2018-02-31' is not a date (YYYY-MM-DD or YYYYMMDD)",
        ),
        RowError(
            "olist_closed_deals_dataset.csv",
            3,
            "mql_id",
            "'zzz' is not a lead of this organization",
        ),
        RowError(
            "olist_closed_deals_dataset.csv",
            5,
            "won_date",
            "'yesterday' is not a date and time (YYYY-MM-DD HH:MM:SS)",
        ),
    ]
    org = Organization.objects.get(slug="olist")
    assert org.currency == "BRL"
    leads = {lead.external_id: lead for lead in Lead.objects.for_org(org)}
    assert {k: v.source for k, v in leads.items()} == {"aaa": "social", "ccc": "", "ddd": "unknown"}
    ddd = leads["ddd"]
    assert (ddd.status, ddd.converted_on) == (Lead.Status.CONVERTED, dt.date(2018, 3, 6))
    deal = ddd.converted_deal
    assert (deal.stage.name, deal.amount_micros, deal.source) == ("Won", 0, "unknown")
    assert (deal.engaged_on, deal.close_date) == (dt.date(2018, 3, 8), dt.date(2018, 3, 6))
    assert deal.company.industry == "toys"
    assert deal.company.external_id == "seller3"
    (change,) = DealStageChange.objects.for_org(org).filter(deal=deal)
    assert change.changed_at == dt.datetime(2018, 3, 6, 19, 38, 55, tzinfo=dt.UTC)
    assert leads["aaa"].status == Lead.Status.NEW
    # Nothing becomes an order: the deals carry no value.
    assert Order.objects.for_org(org).count() == 0


def test_olist_second_run_creates_nothing(db, olist_dir):
    import_run(preset="olist-funnel", path=olist_dir, org_slug="olist")
    again = import_run(preset="olist-funnel", path=olist_dir, org_slug="olist")

    assert {k: (c.created, c.skipped) for k, c in again.kinds.items()} == {
        "leads": (0, 3),
        "companies": (0, 0),
        "conversions": (0, 2),
    }


MASTER = (
    " customer_id  date number_of_cds  dollar_value\r\n"
    " 00001 19970101  1   11.77\r\n"  # 2
    " 00002 19970112  1   12.00\r\n"  # 3
    " 00002 19970112  5   77.00\r\n"  # 4: same day, a second order
    " 00002 19970112  3    0.00\r\n"  # 5: $0 kept
    " 00003 19970231  2   20.76\r\n"  # 6: no such day
    " 00004 19970101  x   29.33\r\n"  # 7
    " 00004 19970118  2\r\n"  # 8: a column short
    " 00002 19970112  1   12.00\r\n"  # 9: an exact duplicate of row 3 is a purchase too
)


def test_cdnow_master_layout(db, tmp_path):
    path = tmp_path / "CDNOW_master.txt"
    path.write_bytes(MASTER.encode())

    report = import_run(preset="cdnow", path=tmp_path, org_slug="cd")

    assert report.errors == [
        RowError(
            "CDNOW_master.txt", 6, "date", "'19970231' is not a date (YYYY-MM-DD or YYYYMMDD)"
        ),
        RowError("CDNOW_master.txt", 7, "number_of_cds", "'x' is not a whole number"),
        RowError("CDNOW_master.txt", 8, "-", "has 3 cells, the header has 4"),
        RowError("CDNOW_master.txt", 8, "dollar_value", "is required"),
    ]
    org = Organization.objects.get(slug="cd")
    orders = {o.number: o for o in Order.objects.for_org(org).select_related("contact")}
    assert sorted(orders) == [
        "CDNOW-1-19970101-1",
        "CDNOW-2-19970112-1",
        "CDNOW-2-19970112-2",
        "CDNOW-2-19970112-3",
        "CDNOW-2-19970112-4",
    ]
    second = orders["CDNOW-2-19970112-2"]
    (line,) = second.lines.all()
    assert (line.quantity, line.unit_price_micros, line.product_name) == (1, 77_000_000, "5 CDs")
    assert second.total_micros == to_micros(Decimal("77.00"))
    assert orders["CDNOW-2-19970112-3"].total_micros == 0
    assert second.contact.external_id == "2"
    assert set(Contact.objects.for_org(org).values_list("external_id", flat=True)) == {"1", "2"}


def test_cdnow_sample_layout_keys_customers_by_master_id(db, tmp_path):
    path = tmp_path / "CDNOW_sample.txt"
    path.write_bytes(b" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n")

    import_run(preset="cdnow", path=path, org_slug="cd")

    org = Organization.objects.get(slug="cd")
    assert sorted(Order.objects.for_org(org).values_list("number", flat=True)) == [
        "CDNOW-4-19970101-1",
        "CDNOW-4-19970118-1",
    ]


def test_cdnow_refuses_an_unknown_layout(db, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("customer date cds\n1 19970101 2\n")
    with pytest.raises(UnusableInput, match="neither the master layout"):
        import_run(preset="cdnow", path=path, org_slug="cd")


def test_dry_run_reports_the_same_counts_and_writes_nothing(db, olist_dir, capsys):
    # Other organizations (the session's real data sets) may hold leads: count, don't assume none.
    leads_before = Lead._base_manager.count()
    call_command("import", "olist-funnel", str(olist_dir), org="olist", dry_run=True)

    out = capsys.readouterr().out
    assert "dry run: nothing was written" in out
    assert re.search(r"^leads\s+3\s+0\s+1$", out, re.M)
    assert re.search(r"^conversions\s+2\s+0\s+2$", out, re.M)
    assert "olist_closed_deals_dataset.csv row 3, mql_id: 'zzz' is not a lead" in out
    assert not Organization.objects.filter(slug="olist").exists()
    assert Lead._base_manager.count() == leads_before


def test_errors_can_be_written_to_a_csv_file(db, olist_dir, tmp_path, capsys):
    errors = tmp_path / "errors.csv"
    call_command("import", "olist-funnel", str(olist_dir), org="olist", errors=errors)

    lines = errors.read_text().splitlines()
    assert lines[0] == "file,row,field,reason"
    assert (
        lines[2]
        == "olist_closed_deals_dataset.csv,3,mql_id,'zzz' is not a lead of this organization"
    )
    assert len(lines) == 4
    assert "3 row errors:" in capsys.readouterr().out
