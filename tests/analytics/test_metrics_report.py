"""metrics_report on a small book worked out by hand (figures in the comments)."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import company_make, contact_make, deal_make, lead_make
from topline.analytics.management.commands.metrics import render_text
from topline.analytics.metrics import metrics_report, shift_year_back
from topline.analytics.models import MarketingSpend
from topline.deals.services import deal_move_stage, pipeline_default
from topline.leads.services import lead_convert
from topline.sales.services import LineInput, order_create

D = dt.date
JAN1, FEB29 = D(2024, 1, 1), D(2024, 2, 29)


@pytest.fixture
def book(org):
    acme = company_make(org, name="Acme", source="paid_search")
    bea = contact_make(org, first_name="Bea", source="organic_search")
    # 2 × 10.50 + 1 × 5.25 × (1 − 0.2) = 21.00 + 4.20 = 25.20
    order_create(
        organization=org, number="1", ordered_on=D(2023, 1, 15), company=acme,
        lines=[LineInput(2, "10.50"), LineInput(1, "5.25", discount="0.2")],
    )  # fmt: skip
    order_create(
        organization=org, number="2", ordered_on=D(2024, 1, 10), company=acme,
        lines=[LineInput(3, "10.00")],
    )  # fmt: skip  # 30.00
    order_create(
        organization=org, number="3", ordered_on=D(2024, 1, 20), contact=bea,
        lines=[LineInput(-1, "7.00"), LineInput(4, "2.50")],
    )  # fmt: skip  # −7.00 + 10.00 = 3.00
    order_create(
        organization=org, number="4", ordered_on=FEB29, lines=[LineInput(1, "100")]
    )  # no customer: 100.00
    stages = {s.name: s for s in pipeline_default(organization=org).stages.all()}
    for stage, closed in (("Won", D(2024, 1, 5)), ("Lost", D(2024, 2, 1)), ("Lost", D(2023, 6, 1))):
        deal = deal_make(org, stage_name="Qualified", amount="0")
        deal_move_stage(deal=deal, stage=stages[stage], close_date=closed)
    deal_make(org, stage_name="Proposal", amount="500")
    converted = lead_make(org, source="web", captured_on=D(2024, 1, 2))
    lead_convert(lead=converted, create_deal=False, on=D(2024, 1, 9))
    lead_make(org, source="web", captured_on=D(2024, 2, 10))
    lead_make(org, source="", captured_on=D(2024, 1, 3))
    lead_make(org, source="web", captured_on=D(2023, 12, 31))
    for source, start, end, amount in (
        ("organic_search", D(2024, 1, 1), D(2024, 1, 31), 150_000_000),
        ("paid_search", D(2024, 2, 1), D(2024, 2, 29), 200_000_000),
    ):
        MarketingSpend.objects.create(
            organization=org, source=source, period_start=start, period_end=end,
            amount_micros=amount, currency="USD",
        )  # fmt: skip
    return org


def test_it_reports_revenue_months_and_customers_of_a_period(book):
    report = metrics_report(book, JAN1, FEB29)
    assert report["revenue"] == "133"  # 30 + 3 + 100
    assert report["revenue_by_month"] == {"2024-01": "33", "2024-02": "100"}
    assert report["customers"] == 2  # Acme and Bea; the order without customer is not one
    assert report["revenue_per_customer"] == "66.50"


def test_it_attributes_revenue_to_the_customers_first_touch_source(book):
    report = metrics_report(book, JAN1, FEB29)
    assert report["revenue_by_source"] == {
        "(none)": "100",
        "organic_search": "3",
        "paid_search": "30",
    }


def test_it_computes_growth_against_the_same_days_a_year_earlier(book):
    report = metrics_report(book, JAN1, FEB29)
    # previous period 2023-01-01 .. 2023-02-28 holds 25.20; (133 − 25.20) / 25.20 = 4.27777…
    assert report["sales_growth_yoy_basis"]["previous_to"] == "2023-02-28"
    assert report["sales_growth_yoy"] == "4.2778"
    assert Decimal(report["sales_growth_yoy"]) == round(
        (Decimal(133) - Decimal("25.2")) / Decimal("25.2"), 4
    )


def test_it_says_growth_is_undefined_when_last_year_had_no_revenue(book):
    report = metrics_report(book, D(2023, 1, 1), D(2023, 1, 31))  # 2022 had nothing
    assert report["sales_growth_yoy"] is None


def test_it_counts_deals_closed_in_the_period_and_open_ones_now(book):
    deals = metrics_report(book, JAN1, FEB29)["deals"]
    assert deals == {"won": 1, "lost": 1, "open": 1, "win_rate": "0.5000"}
    assert metrics_report(book)["deals"]["win_rate"] == "0.3333"  # 1 / (1 + 2)


def test_it_counts_leads_by_source_with_blank_as_none(book):
    leads = metrics_report(book, JAN1, FEB29)["leads"]
    assert leads["total"] == 3
    assert leads["converted"] == 1
    assert leads["by_source"] == {
        "(none)": {"leads": 1, "converted": 0},
        "web": {"leads": 2, "converted": 1},
    }


def test_it_computes_cac_from_spend_and_new_customers(book):
    cac = metrics_report(book, JAN1, FEB29)["cac_by_source"]
    # Bea's first order is in the period (organic); Acme first bought in 2023, so not new.
    assert cac["organic_search"] == {"spend": "150", "new_customers": 1, "cac": "150"}
    assert cac["paid_search"] == {"spend": "200", "new_customers": 0, "cac": None}


def test_it_weights_the_open_pipeline_by_stage_probability(book):
    (row,) = metrics_report(book)["pipeline_by_stage"]
    assert row == {
        "pipeline": "Sales",
        "stage": "Proposal",
        "deals": 1,
        "amount": "500",
        "weighted": "250",
    }


def test_it_reports_all_time_when_no_bounds(book):
    report = metrics_report(book)
    assert report["revenue"] == "158.2"  # 25.20 + 133
    assert report["customers"] == 2


def test_it_keeps_other_organizations_out(book, other_org):
    order_create(organization=other_org, number="1", ordered_on=JAN1, lines=[LineInput(1, "999")])
    assert metrics_report(book, JAN1, FEB29)["revenue"] == "133"
    assert metrics_report(other_org)["revenue"] == "999"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 2, 29), D(2023, 2, 28)),
        (D(2024, 3, 1), D(2023, 3, 1)),
        (D(2023, 12, 31), D(2022, 12, 31)),
    ],
)
def test_it_shifts_a_year_back_with_leap_days(day, expected):
    assert shift_year_back(day) == expected


def test_the_text_summary_has_every_section_of_the_report(book):
    text = render_text(metrics_report(book, JAN1, FEB29))
    sources = text[text.index("revenue by source:") : text.index("open pipeline")]
    assert sources.split()[3:] == ["(none)", "100", "organic_search", "3", "paid_search", "30"]
    assert "Sales · Proposal                  1 deals            500  weighted 250" in text
    cac = text[text.index("acquisition cost by source") :].splitlines()[1:]
    assert [line.split() for line in cac] == [
        ["organic_search", "150", "/", "1", "=", "150"],
        ["paid_search", "200", "/", "0", "=", "n/a"],
    ]
