import datetime as dt

import pytest
from django.db.models import Count, Max, Min, Sum

from tests.factories import org_make
from topline.accounts.models import Membership, Role
from topline.accounts.services import user_create
from topline.activities.models import Activity
from topline.analytics.models import MarketingSpend
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal, DealStageChange, Stage
from topline.leads.models import Lead
from topline.ops.demo import DEMO_PASSWORD, DEMO_SLUG, DEMO_USERNAME, demo_ensure, demo_generate
from topline.sales.models import Order, OrderLine, Product

TODAY = dt.date(2025, 6, 15)


def generate(seed: int, leads: int = 400):
    org = org_make()
    users = [
        user_create(username=f"{org.slug}-{role}", password=None, organization=org, role=role)
        for role in (Role.OWNER, Role.REP)
    ]
    demo_generate(organization=org, users=users, seed=seed, today=TODAY, leads=leads)
    return org


def grouped(qs, field: str, value=None) -> dict:
    return dict(qs.values_list(field).annotate(value or Count("id")).order_by(field))


def figures(org) -> dict:
    """What a reader of the demo sees, in numbers that do not depend on row ids."""
    leads = Lead.objects.for_org(org)
    orders = Order.objects.for_org(org)
    return {
        "leads_by_source": grouped(leads, "source"),
        "leads_by_campaign": grouped(leads, "campaign"),
        "leads_by_status": grouped(leads, "status"),
        "lead_days": leads.aggregate(first=Min("captured_on"), last=Max("captured_on")),
        "deals_by_stage": grouped(Deal.objects.for_org(org), "stage__name"),
        "deal_amounts": grouped(Deal.objects.for_org(org), "stage__name", Sum("amount_micros")),
        "stage_changes": grouped(DealStageChange.objects.for_org(org), "to_stage__name"),
        "revenue_by_month": grouped(orders, "ordered_on__month", Sum("total_micros")),
        "orders": orders.count(),
        "order_lines": OrderLine.objects.for_org(org).count(),
        "activities": grouped(Activity.objects.for_org(org), "kind"),
        "spend": grouped(MarketingSpend.objects.for_org(org), "source", Sum("amount_micros")),
    }


def test_it_gives_the_same_figures_for_the_same_seed(db):
    first = figures(generate(seed=7))
    assert figures(generate(seed=7)) == first
    assert figures(generate(seed=8)) != first


def test_it_fills_two_years_up_to_today_with_every_kind_of_row(db):
    org = generate(seed=7, leads=1000)

    leads = Lead.objects.for_org(org).aggregate(first=Min("captured_on"), last=Max("captured_on"))
    assert leads["first"] < dt.date(2023, 1, 15)
    assert TODAY - dt.timedelta(days=10) <= leads["last"] <= TODAY
    orders = Order.objects.for_org(org).aggregate(first=Min("ordered_on"), last=Max("ordered_on"))
    # Two full years of revenue before today, so a year can be compared with the one before.
    assert orders["first"] < dt.date(2023, 6, 15)
    assert orders["last"] <= TODAY
    # Marketing spend for every month of the 30 from January 2023 to June 2025.
    months = MarketingSpend.objects.for_org(org).filter(source="paid_search")
    assert months.values("period_start").distinct().count() == 30
    # History is dated in the past it replays, not when the generator ran.
    changes = DealStageChange.objects.for_org(org).aggregate(last=Max("changed_at"))
    assert changes["last"].date() <= TODAY

    for model in (Company, Contact, Lead, Deal, DealStageChange, Product, Order, OrderLine):
        assert model.objects.for_org(org).exists(), model.__name__
    assert set(grouped(Activity.objects.for_org(org), "kind")) == set(Activity.Kind.values)
    sources = grouped(Lead.objects.for_org(org), "source")
    assert {"organic_search", "paid_search", "social", "email", "referral", "events"} <= set(
        sources
    )
    assert not Lead.objects.for_org(org).filter(campaign="").exists()
    assert set(grouped(Deal.objects.for_org(org), "stage__kind")) == set(Stage.Kind.values)
    assert set(grouped(MarketingSpend.objects.for_org(org), "source")) == set(sources)
    # Deals moved through the stages, one row per move.
    assert DealStageChange.objects.for_org(org).filter(from_stage__isnull=False).count() > (
        Deal.objects.for_org(org).count()
    )
    # Customers buy again.
    repeat = Order.objects.for_org(org).filter(deal__isnull=True)
    assert repeat.count() > Order.objects.for_org(org).filter(deal__isnull=False).count()


def test_a_converted_lead_hands_its_source_to_the_deal_and_its_orders(db):
    org = generate(seed=7)
    lead = (
        Lead.objects.for_org(org)
        .filter(converted_deal__stage__kind=Stage.Kind.WON)
        .select_related("converted_deal__order", "converted_contact")
        .first()
    )
    assert lead.converted_deal.source == lead.source
    assert lead.converted_deal.campaign == lead.campaign
    assert lead.converted_contact.source == lead.source
    assert lead.converted_deal.order.source == lead.source


def test_it_makes_exactly_one_order_per_won_deal(db):
    # A won deal's order is made inside the move to Won, from the deal's product lines.
    org = generate(seed=7)
    won = Deal.objects.for_org(org).filter(stage__kind=Stage.Kind.WON)
    assert won.count() > 10
    assert Order.objects.for_org(org).filter(deal__isnull=False).count() == won.count()
    assert (
        not Order.objects.for_org(org)
        .exclude(deal__stage__kind=Stage.Kind.WON)
        .filter(deal__isnull=False)
        .exists()
    )
    for deal in won.select_related("order"):
        assert deal.order.ordered_on == deal.close_date
        assert deal.order.total_micros == deal.amount_micros


@pytest.mark.django_db
def test_it_makes_the_demo_once_and_keeps_it():
    org, made = demo_ensure(leads=200)
    assert (org.slug, org.name) == (DEMO_SLUG, "Demo Co")
    deals = Deal.objects.for_org(org).count()
    assert made.deals == deals > 0

    again, made = demo_ensure(leads=200)
    assert (again, made) == (org, None)
    assert Deal.objects.for_org(org).count() == deals


@pytest.mark.django_db
def test_the_demo_owner_signs_in(client):
    org, _ = demo_ensure(leads=100)
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    roles = dict(Membership.objects.filter(organization=org).values_list("user__username", "role"))
    assert roles == {"demo": Role.OWNER, "rep": Role.REP}


def test_records_are_dated_when_they_came_in_and_companies_described(db):
    org = generate(seed=11)
    leads = Lead.objects.for_org(org).select_related(
        "converted_contact", "converted_company", "converted_deal"
    )
    for lead in leads:
        assert lead.created_at.date() == lead.captured_on
        if lead.converted_on:
            made = (lead.converted_contact, lead.converted_company, lead.converted_deal)
            for record in filter(None, made):  # a lead without a company name makes none
                assert record.created_at.date() == lead.converted_on
    companies = list(Company.objects.for_org(org))
    assert companies
    for company in companies:
        assert company.country and company.industry and company.employees
        assert company.domain.endswith(".example")
    # Spread over countries, not one for all.
    assert len({company.country for company in companies}) >= 5
