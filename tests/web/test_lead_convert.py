"""Converting a lead from its page: the lead is kept, and its source reaches what it became."""

from django.urls import reverse

from tests.factories import company_make, contact_make, lead_make
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal
from topline.leads.models import Lead


def test_it_converts_a_lead_into_contact_company_and_deal(owner_client, org, owner):
    lead = lead_make(
        org, first_name="Ada", last_name="King", email="ada@kiwi.example",
        company_name="Kiwi Labs", source="webinar", campaign="spring",
    )  # fmt: skip
    response = owner_client.post(
        reverse("lead_convert", args=[lead.pk]),
        {"create_deal": "on", "deal_title": "Kiwi pilot", "deal_amount": "4000"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("lead_detail", args=[lead.pk])
    lead = Lead.objects.for_org(org).get(pk=lead.pk)  # kept, not deleted
    assert lead.status == Lead.Status.CONVERTED
    contact, company, deal = lead.converted_contact, lead.converted_company, lead.converted_deal
    assert (contact.email, company.name, deal.title) == (
        "ada@kiwi.example",
        "Kiwi Labs",
        "Kiwi pilot",
    )
    assert (
        deal.amount_micros == 4_000_000_000 and deal.company == company and deal.contact == contact
    )
    for record in (contact, company, deal):
        assert (record.source, record.campaign) == ("webinar", "spring")
    page = owner_client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert reverse("contact_detail", args=[contact.pk]) in page
    assert reverse("company_detail", args=[company.pk]) in page
    assert reverse("deal_detail", args=[deal.pk]) in page
    assert reverse("lead_convert", args=[lead.pk]) not in page  # no second conversion


def test_it_links_the_contact_and_company_the_lead_already_is(owner_client, org):
    company = company_make(org, name="Kiwi Labs")
    contact = contact_make(org, email="ada@kiwi.example", company=company, source="")
    lead = lead_make(org, email="ada@kiwi.example", company_name="Kiwi Labs", source="ads")
    page = owner_client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert f'<option value="{contact.pk}">' in page and f'<option value="{company.pk}">' in page
    owner_client.post(
        reverse("lead_convert", args=[lead.pk]), {"contact": contact.pk, "company": company.pk}
    )
    lead.refresh_from_db()
    assert (lead.converted_contact, lead.converted_company, lead.converted_deal) == (
        contact,
        company,
        None,
    )
    assert Contact.objects.for_org(org).count() == 1 and Company.objects.for_org(org).count() == 1
    assert not Deal.objects.for_org(org).exists()  # "Create a deal" was left unticked


def test_converting_twice_is_refused_with_a_message(owner_client, org):
    lead = lead_make(org, company_name="")
    url = reverse("lead_convert", args=[lead.pk])
    owner_client.post(url, {"create_deal": "on"})
    response = owner_client.post(url, {"create_deal": "on"}, follow=True)
    assert "already converted" in response.content.decode()
    assert Deal.objects.for_org(org).count() == 1


def test_an_outsider_cannot_convert_a_lead(client, org, outsider):
    lead = lead_make(org)
    client.force_login(outsider)
    assert (
        client.post(reverse("lead_convert", args=[lead.pk]), {"create_deal": "on"}).status_code
        == 404
    )
    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW


def test_converting_is_a_post(owner_client, org):
    lead = lead_make(org)
    assert owner_client.get(reverse("lead_convert", args=[lead.pk])).status_code == 405
