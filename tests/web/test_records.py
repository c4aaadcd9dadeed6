"""Record pages: what the owner sees, that an outsider sees nothing, and their query counts."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories import company_make, contact_make, deal_make, lead_make
from tests.web.conftest import order_make, product_make
from topline.activities.services import activity_create
from topline.contacts.services import consent_set, contact_point_add
from topline.deals.services import deal_move_stage
from topline.sales.services import LineInput, deal_line_add


@pytest.fixture
def book(org, owner):
    """A customer with a contact, a deal moved once, two orders and a timeline."""
    company = company_make(org, name="Northwind", country="Germany", source="referral")
    contact = contact_make(
        org, first_name="Ada", last_name="King", company=company, time_zone="Asia/Tokyo"
    )
    contact_point_add(contact=contact, kind="email", value="ada@home.example", label="home")
    contact_point_add(contact=contact, kind="phone", value="+44 20 7946 0000")
    consent_set(contact=contact, channel="email", purpose="marketing", granted=True)
    consent_set(contact=contact, channel="sms", purpose="sales", granted=False)
    deal = deal_make(
        org, "Qualified", "1000", title="Fleet renewal", company=company, contact=contact
    )
    stages = {s.name: s for s in deal.pipeline.stages.all()}
    deal_move_stage(deal=deal, stage=stages["Proposal"], by=owner)
    widget = product_make(org, code="W-1", name="Widget", price="250")
    deal_line_add(deal=deal, product=widget, quantity=2)
    lines = [
        LineInput(product=widget, quantity=3, unit_price="250"),
        LineInput(quantity=1, unit_price="80", product_name="Setup fee", discount="0.5"),
    ]
    order_make(org, "SO-1", dt.date(2024, 1, 5), None, company=company, lines=lines)
    order_make(org, "SO-2", dt.date(2024, 2, 5), "1200", company=company)
    lead = lead_make(
        org, first_name="Bea", last_name="Lee", company_name="Kiwi Labs", campaign="spring"
    )
    for record in ({"company": company, "contact": contact}, {"deal": deal}, {"lead": lead}):
        activity_create(
            organization=org, kind="note", body="Met at the fair", owner=owner, **record
        )
    return {"company": company, "contact": contact, "deal": deal, "lead": lead}


def url(kind, obj):
    return reverse(f"{kind}_detail", args=[obj.pk])


def test_the_company_page_shows_facts_people_deals_orders_and_timeline(owner_client, book):
    body = owner_client.get(url("company", book["company"])).content.decode()
    assert "Northwind" in body and "Germany" in body and "referral" in body
    assert "Ada King" in body
    assert "Fleet renewal" in body and "Proposal" in body
    # SO-1: 3 × 250 + 1 × 80 at 50 % off = 790; SO-2: 1,200; revenue to date 1,990.
    assert "SO-1" in body and "SO-2" in body and "Setup fee" in body
    assert "790.00 USD" in body and "1,990.00 USD" in body
    assert ">50 %<" in body and ">40.00<" in body  # the setup fee: 80 at half price
    assert "Met at the fair" in body


def test_the_contact_page_shows_every_address_consent_and_time_zone(owner_client, book):
    body = owner_client.get(url("contact", book["contact"])).content.decode()
    assert "ada@home.example" in body and "+44 20 7946 0000" in body
    assert book["contact"].email in body
    assert "Asia/Tokyo" in body
    assert 'class="consent granted"' in body and 'class="consent denied"' in body
    assert body.count('class="consent unknown"') == 10  # 4 channels × 3 purposes − 2 recorded
    assert "Fleet renewal" in body
    assert "Met at the fair" in body


def test_the_deal_page_shows_lines_stage_history_and_the_move_select(owner_client, book):
    body = owner_client.get(url("deal", book["deal"])).content.decode()
    assert "Widget" in body and "500.00 USD" in body  # 2 × 250, now the deal's amount
    assert "Created in <strong>Qualified</strong>" in body
    assert "Qualified → <strong>Proposal</strong>" in body
    assert 'name="stage"' in body and reverse("deal_move", args=[book["deal"].pk]) in body
    assert "Met at the fair" in body


def test_the_lead_page_offers_conversion_and_shows_source(owner_client, book):
    body = owner_client.get(url("lead", book["lead"])).content.decode()
    assert "Kiwi Labs" in body and "spring" in body and "web" in body
    assert reverse("lead_convert", args=[book["lead"].pk]) in body
    assert "Met at the fair" in body


@pytest.mark.parametrize("kind", ["company", "contact", "deal", "lead"])
def test_an_outsider_gets_404_for_every_record_page(client, book, outsider, kind):
    client.force_login(outsider)
    assert client.get(url(kind, book[kind])).status_code == 404


@pytest.mark.parametrize("kind", ["company", "contact", "deal", "lead"])
def test_a_missing_record_is_404(owner_client, db, kind):
    assert owner_client.get(reverse(f"{kind}_detail", args=[999999])).status_code == 404


# Contact and deal pages also look up the lead they came from (one query).
RECORD_QUERIES = {"company": 10, "contact": 12, "deal": 11, "lead": 6}


@pytest.mark.parametrize("kind", ["company", "contact", "deal", "lead"])
def test_a_record_page_does_not_grow_queries_with_its_history(
    owner_client, org, owner, book, kind, django_assert_max_num_queries
):
    record = book[kind]
    extra = {"company": record} if kind == "company" else {kind: record}
    for i in range(8):  # more activities, deals and orders: the same number of queries
        activity_create(organization=org, kind="call", body=f"Call {i}", owner=owner, **extra)
        if kind in ("company", "contact"):
            company = book["company"] if kind == "company" else None
            contact = book["contact"] if kind == "contact" else None
            deal_make(org, title=f"Extra {i}", company=company, contact=contact, owner=owner)
            order_make(
                org, f"X-{i}", dt.date(2024, 3, i + 1), "10", company=company, contact=contact
            )
    with django_assert_max_num_queries(RECORD_QUERIES[kind]):
        response = owner_client.get(url(kind, record))
    assert response.status_code == 200


def test_times_show_in_the_users_time_zone(owner_client, org, owner, book):
    owner.time_zone = "Europe/Berlin"
    owner.save()
    at = dt.datetime(2024, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    activity_create(
        organization=org, kind="note", body="Noon UTC", occurred_at=at, company=book["company"]
    )
    body = owner_client.get(url("company", book["company"])).content.decode()
    assert "1 Jul 2024, 14:00 CEST" in body  # UTC+2 in summer
