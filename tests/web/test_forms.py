"""Create and edit forms: they save through the services, in the user's organization only,
and show errors next to the field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import company_make, contact_make, deal_make, lead_make, user_make
from topline.accounts.services import membership_ensure
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal, DealStageChange
from topline.deals.services import pipeline_default
from topline.leads.models import Lead


def test_it_creates_a_company(owner_client, org, owner):
    parent = company_make(org, name="Holding")
    response = owner_client.post(
        reverse("company_create"),
        {"name": "Subsidiary", "country": "Germany", "employees": "40", "parent": parent.pk,
         "owner": owner.pk, "source": "event"},
    )  # fmt: skip
    company = Company.objects.for_org(org).get(name="Subsidiary")
    assert response.status_code == 302
    assert response["Location"] == reverse("company_detail", args=[company.pk])
    assert (company.parent, company.owner, company.employees) == (parent, owner, 40)


def test_it_refuses_another_organizations_company_as_parent(owner_client, org, other_org):
    theirs = company_make(other_org, name="Not yours")
    response = owner_client.post(reverse("company_create"), {"name": "Mine", "parent": theirs.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Company.objects.for_org(org).filter(name="Mine").exists()


def test_a_company_cannot_become_the_parent_of_its_own_parent(owner_client, org):
    globex = company_make(org, name="Globex")
    initech = company_make(org, name="Initech", parent=globex)
    response = owner_client.post(
        reverse("company_edit", args=[globex.pk]), {"name": "Globex", "parent": initech.pk}
    )
    assert response.status_code == 400
    body = response.content.decode()
    field = body[body.index('<div class="field invalid">') :]
    assert 'name="parent"' in field[: field.index("</div>")]
    assert "Initech is a subsidiary of Globex, so it cannot also be its parent." in body
    globex.refresh_from_db()
    assert globex.parent is None


def test_it_shows_an_error_next_to_the_field(owner_client, org):
    response = owner_client.post(
        reverse("contact_create"),
        {"first_name": "Ann", "email": "not-an-address", "time_zone": "UTC"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    # the error sits in the e-mail field's own block
    field = body[body.index('<div class="field invalid">') :]
    assert 'name="email"' in field[: field.index("</div>")]
    assert "Enter a valid email address." in field[: field.index("</div>")]
    assert not Contact.objects.for_org(org).exists()


def test_it_creates_and_edits_a_contact(owner_client, org):
    company = company_make(org, name="Northwind")
    owner_client.post(
        reverse("contact_create"),
        {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com", "company": company.pk,
         "time_zone": "Europe/Paris", "preferred_channel": "phone"},
    )  # fmt: skip
    contact = Contact.objects.for_org(org).get(email="ann@example.com")
    assert (contact.company, contact.time_zone, contact.preferred_channel) == (
        company,
        "Europe/Paris",
        "phone",
    )
    response = owner_client.post(
        reverse("contact_edit", args=[contact.pk]),
        {"first_name": "Ann", "last_name": "Lee-Smith", "email": "ann@example.com",
         "time_zone": "Europe/Paris", "do_not_contact": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.last_name, contact.do_not_contact, contact.company) == ("Lee-Smith", True, None)


def test_the_edit_form_shows_the_current_values(owner_client, org):
    company = company_make(org, name="Northwind")
    contact = contact_make(org, first_name="Ann", company=company)
    body = owner_client.get(reverse("contact_edit", args=[contact.pk])).content.decode()
    assert 'value="Ann"' in body
    # The company select holds only the chosen company, not the whole table.
    assert f'<option value="{company.pk}" selected>Northwind</option>' in body


def test_it_creates_a_lead_and_never_as_converted(owner_client, org):
    data = {"first_name": "Bea", "source": "web", "status": "converted", "score": "5",
            "captured_on": "2024-03-01"}  # fmt: skip
    refused = owner_client.post(reverse("lead_create"), data)
    assert refused.status_code == 400
    assert not Lead.objects.for_org(org).exists()
    owner_client.post(reverse("lead_create"), {**data, "status": "working"})
    lead = Lead.objects.for_org(org).get()
    assert (lead.status, lead.source, lead.captured_on) == ("working", "web", dt.date(2024, 3, 1))


def test_it_edits_a_lead(owner_client, org):
    lead = lead_make(org, first_name="Bea")
    response = owner_client.post(
        reverse("lead_edit", args=[lead.pk]),
        {"first_name": "Beatrice", "source": "ads", "status": "qualified", "score": "80",
         "captured_on": "2024-03-01"},
    )  # fmt: skip
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.first_name, lead.source, lead.status, lead.score) == (
        "Beatrice",
        "ads",
        "qualified",
        80,
    )


def test_it_creates_a_deal_with_its_first_stage_change(owner_client, org, owner):
    qualified = pipeline_default(organization=org).stages.get(name="Qualified")
    company = company_make(org, name="Northwind")
    response = owner_client.post(
        reverse("deal_create"),
        {"title": "Fleet", "stage": qualified.pk, "amount": "12500.50", "company": company.pk,
         "owner": owner.pk, "close_date": "2024-09-30"},
    )  # fmt: skip
    deal = Deal.objects.for_org(org).get(title="Fleet")
    assert response["Location"] == reverse("deal_detail", args=[deal.pk])
    assert (deal.stage, deal.amount_micros, deal.currency) == (qualified, 12_500_500_000, "USD")
    change = DealStageChange.objects.for_org(org).get(deal=deal)
    assert (change.from_stage, change.to_stage, change.changed_by) == (None, qualified, owner)


def test_a_new_deal_starts_only_in_an_open_stage_of_the_organization(owner_client, org, other_org):
    won = pipeline_default(organization=org).stages.get(name="Won")
    theirs = pipeline_default(organization=other_org).stages.get(name="Qualified")
    for stage in (won, theirs):
        response = owner_client.post(
            reverse("deal_create"), {"title": "X", "stage": stage.pk, "amount": "1"}
        )
        assert response.status_code == 400
    assert not Deal.objects.for_org(org).exists()


def test_it_edits_a_deal_but_not_its_stage(owner_client, org):
    deal = deal_make(org, "Qualified", "1000", title="Fleet")
    proposal = deal.pipeline.stages.get(name="Proposal")
    owner_client.post(
        reverse("deal_edit", args=[deal.pk]),
        {"title": "Fleet XL", "amount": "2000", "stage": proposal.pk},
    )
    deal.refresh_from_db()
    assert (deal.title, deal.amount_micros, deal.stage.name) == (
        "Fleet XL",
        2_000_000_000,
        "Qualified",
    )
    assert Decimal(deal.amount_micros) / 10**6 == 2000


@pytest.mark.parametrize("kind", ["company", "contact", "deal", "lead"])
def test_an_outsider_cannot_open_an_edit_form(client, org, outsider, kind):
    make = {"company": company_make, "contact": contact_make, "deal": deal_make, "lead": lead_make}
    record = make[kind](org)
    client.force_login(outsider)
    url = reverse(f"{kind}_edit", args=[record.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Hacked", "title": "Hacked"}).status_code == 404


def test_the_company_search_select_offers_only_the_organizations_companies(
    owner_client, org, other_org
):
    company_make(org, name="Acme North")
    company_make(other_org, name="Acme South")
    body = owner_client.get(reverse("company_options"), {"q": "acme"}).content.decode()
    assert "Acme North" in body and "Acme South" not in body
    assert (
        owner_client.get(reverse("contact_options"), {"q": ""}).content.decode().count("<option")
        == 1
    )


def test_a_member_of_two_organizations_works_in_the_current_one(client, org, other_org):
    user = user_make(org)
    membership_ensure(organization=other_org, user=user)
    theirs = company_make(other_org, name="Elsewhere")
    client.force_login(user)  # the first membership (org) is the current organization
    assert client.get(reverse("company_edit", args=[theirs.pk])).status_code == 404


def test_a_surrogate_sent_as_bytes_arrives_as_replacement_characters(owner_client, org):
    """A form cannot carry a lone surrogate: Django decodes the bytes of one (ED A0 80) with
    errors="replace", whether url-encoded or multipart, and in a query string."""
    url = reverse("company_create")
    response = owner_client.post(
        url, "name=Glo%ED%A0%80bex", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert Company.objects.for_org(org).get().name == "Glo\ufffd\ufffd\ufffdbex"
    body = (
        b'--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nIni\xed\xa0\x80tech\r\n'
        b"--B--\r\n"
    )
    response = owner_client.post(url, body, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 302
    assert Company.objects.for_org(org).filter(name="Ini\ufffd\ufffd\ufffdtech").exists()
    assert owner_client.get(reverse("company_list") + "?q=%ED%A0%80").status_code == 200


@pytest.mark.parametrize(
    "name, data, model",
    [
        ("contact_create", {"time_zone": "UTC"}, Contact),
        ("lead_create", {"status": "new", "captured_on": "2024-03-01"}, Lead),
    ],
)
def test_an_empty_form_makes_no_record(owner_client, org, name, data, model):
    response = owner_client.post(reverse(name), data)
    assert response.status_code == 400
    assert "needs a name, an e-mail address, a phone number" in response.content.decode()
    assert not model.objects.for_org(org).exists()
