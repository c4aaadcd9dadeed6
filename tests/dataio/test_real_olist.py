"""olist-funnel on the real files, checked against counts made here with plain csv."""

import csv
import datetime as dt
from collections import Counter

import pytest
from django.db.models import Count

from tests.conftest import shared_data_dir
from topline.contacts.models import Company, Contact
from topline.dataio.runner import import_run
from topline.deals.models import Deal, DealStageChange
from topline.leads.models import Lead

pytestmark = pytest.mark.realdata
FOLDER = "olist_marketing_funnel"


def rows(name):
    with open(shared_data_dir() / FOLDER / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


MQL = "olist_marketing_qualified_leads_dataset.csv"
DEALS = "olist_closed_deals_dataset.csv"


def test_leads_by_source_and_conversions(db, olist):
    org, report = olist
    origin = {r["mql_id"]: r["origin"] for r in rows(MQL)}
    won = {r["mql_id"] for r in rows(DEALS)}
    leads = Lead.objects.for_org(org)

    assert report.errors == []
    assert dict(leads.values_list("source").annotate(n=Count("id"))) == Counter(origin.values())
    converted = leads.filter(status=Lead.Status.CONVERTED)
    assert set(converted.values_list("external_id", flat=True)) == won
    assert dict(converted.values_list("source").annotate(n=Count("id"))) == Counter(
        origin[m] for m in won
    )
    assert (leads.count(), converted.count()) == (8000, 842)
    by_source = dict(leads.values_list("source").annotate(n=Count("id")))
    by_source_won = dict(converted.values_list("source").annotate(n=Count("id")))
    for source, n, n_won in (
        ("organic_search", 2296, 271),
        ("paid_search", 1586, 195),
        ("unknown", 1099, 179),
    ):
        assert (by_source[source], by_source_won[source]) == (n, n_won)
    assert by_source[""] == 60  # blank stays blank, apart from "unknown"


def test_lead_fields(db, olist):
    org, _ = olist
    mql = {r["mql_id"]: r for r in rows(MQL)}
    for lead in Lead.objects.for_org(org):
        row = mql[lead.external_id]
        assert lead.captured_on.isoformat() == row["first_contact_date"]
        assert lead.landing_page == row["landing_page_id"]


def test_each_closed_deal_is_a_won_deal_on_its_won_date(db, olist):
    org, _ = olist
    closed = {r["mql_id"]: r for r in rows(DEALS)}
    leads = (
        Lead.objects.for_org(org)
        .filter(status=Lead.Status.CONVERTED)
        .select_related("converted_deal__stage", "converted_deal__company", "converted_contact")
    )
    for lead in leads:
        row = closed[lead.external_id]
        won_at = dt.datetime.fromisoformat(row["won_date"]).replace(tzinfo=dt.UTC)
        deal = lead.converted_deal
        assert lead.converted_on == won_at.date() == deal.close_date
        assert (deal.stage.name, deal.amount_micros, deal.source) == ("Won", 0, lead.source)
        assert deal.engaged_on == lead.captured_on
        assert deal.company.external_id == row["seller_id"]
        assert deal.company.industry == row["business_segment"]
        assert lead.converted_contact.source == lead.source
    assert Deal.objects.for_org(org).count() == 842
    assert Company.objects.for_org(org).count() == Contact.objects.for_org(org).count() == 842
    won_at = {
        Lead.objects.for_org(org).get(external_id=m).converted_deal_id: r["won_date"]
        for m, r in list(closed.items())[:50]
    }
    for change in DealStageChange.objects.for_org(org).filter(deal_id__in=won_at):
        assert change.changed_at.strftime("%Y-%m-%d %H:%M:%S") == won_at[change.deal_id]


def test_a_second_run_creates_nothing(db, olist):
    org, _ = olist

    again = import_run(preset="olist-funnel", path=shared_data_dir() / FOLDER, org_slug=org.slug)

    assert {k: (c.created, c.skipped, c.errors) for k, c in again.kinds.items()} == {
        "leads": (0, 8000, 0),
        "companies": (0, 0, 0),
        "conversions": (0, 842, 0),
    }
    assert Lead.objects.for_org(org).count() == 8000
    assert Deal.objects.for_org(org).count() == 842
