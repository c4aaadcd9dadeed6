"""A record's timeline gathers what belongs to it: a company's people and deals, the lead a
contact or deal came from; never another company's or organization's activities."""

import datetime as dt

from django.urls import reverse

from tests.factories import company_make, contact_make, deal_make, lead_make
from topline.activities.services import activity_create
from topline.leads.services import lead_convert


def note(org, subject, day, **record):
    at = dt.datetime(2024, 5, day, 12, tzinfo=dt.UTC)
    return activity_create(organization=org, kind="note", subject=subject, occurred_at=at, **record)


def subjects(client, name, pk) -> list[str]:
    body = client.get(reverse(name, args=[pk])).content.decode()
    timeline = body[body.index('id="timeline"') :]
    return [part.split("</div>")[0] for part in timeline.split('<div class="subject">')[1:]]


def test_a_company_shows_its_own_its_peoples_and_its_deals_activities(owner_client, org, other_org):
    acme = company_make(org, name="Acme")
    ada = contact_make(org, first_name="Ada", company=acme)
    deal = deal_make(org, title="Acme renewal", company=acme)
    note(org, "On the company", 1, company=acme)
    note(org, "Called Ada", 2, contact=ada)
    note(org, "Sent the quote", 3, deal=deal)
    note(org, "Another company", 4, contact=contact_make(org, company=company_make(org)))
    note(other_org, "Theirs", 5, company=company_make(other_org))

    assert subjects(owner_client, "company_detail", acme.pk) == [
        "Sent the quote",
        "Called Ada",
        "On the company",
    ]
    body = owner_client.get(reverse("company_detail", args=[acme.pk])).content.decode()
    assert f'href="{reverse("deal_detail", args=[deal.pk])}">Acme renewal</a>' in body
    assert f'href="{reverse("contact_detail", args=[ada.pk])}">Ada' in body


def test_a_converted_contact_and_deal_show_the_leads_history(owner_client, org):
    lead = lead_make(org, first_name="Bea", last_name="Lee", company_name="Lee Ltd")
    note(org, "First touch", 1, lead=lead)
    lead = lead_convert(lead=lead, on=dt.date(2024, 5, 2))
    note(org, "Discovery call", 3, contact=lead.converted_contact)

    contact_page = subjects(owner_client, "contact_detail", lead.converted_contact.pk)
    assert contact_page == ["Discovery call", "First touch"]
    assert subjects(owner_client, "deal_detail", lead.converted_deal.pk) == ["First touch"]
    assert subjects(owner_client, "lead_detail", lead.pk) == ["First touch"]
    body = owner_client.get(reverse("contact_detail", args=[lead.converted_contact.pk]))
    assert ">as a lead</a>" in body.content.decode()


def test_a_company_shows_the_history_of_the_leads_its_people_came_from(owner_client, org):
    lead = lead_make(org, first_name="Cy", last_name="Ray", company_name="Ray Ltd")
    note(org, "Webinar sign-up", 1, lead=lead)
    lead = lead_convert(lead=lead, on=dt.date(2024, 5, 2))
    assert subjects(owner_client, "company_detail", lead.converted_company.pk) == [
        "Webinar sign-up"
    ]


def test_a_converted_contact_and_deal_link_back_to_their_lead(owner_client, org):
    lead = lead_make(org, first_name="Di", last_name="Fox", captured_on=dt.date(2024, 4, 3))
    lead = lead_convert(lead=lead, on=dt.date(2024, 5, 2))
    link = f'<dt>From lead</dt><dd><a href="{reverse("lead_detail", args=[lead.pk])}">Di Fox</a>'
    for name, record in (
        ("contact_detail", lead.converted_contact),
        ("deal_detail", lead.converted_deal),
    ):
        body = owner_client.get(reverse(name, args=[record.pk])).content.decode()
        assert link in body and "3 Apr 2024" in body
    other = contact_make(org, first_name="No", last_name="Lead")
    assert (
        "From lead"
        not in owner_client.get(reverse("contact_detail", args=[other.pk])).content.decode()
    )
