import datetime as dt

from tests.api.conftest import errors_of, listed
from tests.factories import company_make, lead_make
from topline.leads.models import Lead


def test_it_creates_a_lead(api, org, owner):
    response = api.post(
        "/leads",
        {
            "first_name": "Sam",
            "last_name": "Hill",
            "email": "sam@example.com",
            "source": "webinar",
            "campaign": "spring",
            "score": 40,
            "owner": owner.id,
            "captured_on": "2024-03-02",
        },
    )
    assert response.status_code == 201
    lead = Lead.objects.for_org(org).get(pk=response.json()["id"])
    assert (lead.source, lead.campaign, lead.score, lead.owner, lead.captured_on) == (
        "webinar",
        "spring",
        40,
        owner,
        dt.date(2024, 3, 2),
    )
    assert response.json()["status"] == "new"


def test_it_refuses_to_create_a_converted_lead(api, org):
    response = api.post("/leads", {"last_name": "Hill", "status": "converted"})
    assert response.status_code == 422
    assert errors_of(response) == {
        "status": "becomes 'converted' only through the convert action: POST /leads/{id}/convert"
    }
    assert not Lead.objects.for_org(org).exists()


def test_it_says_how_to_convert_instead_of_naming_a_service(api, org):
    lead = lead_make(org, status="working")
    response = api.patch(f"/leads/{lead.id}", {"status": "converted"})
    assert response.status_code == 422
    assert errors_of(response) == {
        "status": "becomes 'converted' only through the convert action: POST /leads/{id}/convert"
    }
    assert api.post(f"/leads/{lead.id}/convert", {"create_deal": False}).status_code == 200
    response = api.patch(f"/leads/{lead.id}", {"status": "new"})
    assert errors_of(response) == {"status": "a converted lead stays 'converted'"}
    lead.refresh_from_db()
    assert lead.status == "converted"
    # A converted lead may still be sent its own status, e.g. by a client saving a whole record.
    assert api.patch(f"/leads/{lead.id}", {"status": "converted", "score": 3}).status_code == 200


def test_it_names_bad_fields(api):
    response = api.post(
        "/leads", {"email": "nope", "status": "hot", "captured_on": "2024-02-30", "score": 10**6}
    )
    assert response.status_code == 422
    assert set(errors_of(response)) == {"status", "captured_on", "score"}  # schema first
    response = api.post("/leads", {"email": "nope"})
    assert errors_of(response) == {"email": "Enter a valid email address."}


def test_it_updates_a_lead(api, org):
    lead = lead_make(org, status="new")
    response = api.patch(f"/leads/{lead.id}", {"status": "working", "score": 5})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert (lead.status, lead.score) == ("working", 5)


def test_it_converts_a_lead_keeping_its_source(api, org, owner):
    lead = lead_make(org, company_name="Initech", source="webinar", campaign="spring")
    response = api.post(
        f"/leads/{lead.id}/convert",
        {"deal_title": "Initech pilot", "deal_amount": {"amount": "1200.50"}},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    lead.refresh_from_db()
    assert body["status"] == lead.status == "converted"
    assert body["converted_deal"] == lead.converted_deal_id
    deal = lead.converted_deal
    assert (deal.title, deal.amount_micros, deal.source, deal.campaign) == (
        "Initech pilot",
        1_200_500_000,
        "webinar",
        "spring",
    )
    assert lead.converted_company.name == "Initech"
    assert lead.converted_contact.source == "webinar"
    assert deal.stage_changes.get().changed_by == owner


def test_it_converts_into_an_existing_company_without_a_deal(api, org):
    company = company_make(org)
    lead = lead_make(org)
    response = api.post(
        f"/leads/{lead.id}/convert",
        {"company": company.id, "create_deal": False, "converted_on": "2024-04-01"},
    )
    assert response.status_code == 200
    lead.refresh_from_db()
    assert (lead.converted_company, lead.converted_deal, lead.converted_on) == (
        company,
        None,
        dt.date(2024, 4, 1),
    )


def test_it_refuses_to_convert_twice(api, org):
    lead = lead_make(org)
    assert api.post(f"/leads/{lead.id}/convert", {}).status_code == 200
    response = api.post(f"/leads/{lead.id}/convert", {})
    assert response.status_code == 422
    assert errors_of(response) == {"status": "this lead is already converted"}


def test_it_names_the_deal_fields_of_a_conversion(api, org):
    lead = lead_make(org)
    response = api.post(
        f"/leads/{lead.id}/convert", {"deal_amount": {"amount": "-5"}, "deal_title": "x"}
    )
    assert response.status_code == 422
    assert errors_of(response) == {"deal_amount": "must not be negative"}
    response = api.post(
        f"/leads/{lead.id}/convert", {"deal_amount": {"amount": "5", "currency": "EUR"}}
    )
    assert errors_of(response) == {"deal_amount.currency": "must be USD."}
    response = api.post(f"/leads/{lead.id}/convert", {"deal_stage": 999999})
    assert list(errors_of(response)) == ["deal_stage"]
    lead.refresh_from_db()
    assert lead.status == "new"


def test_it_filters_by_search_source_and_status(api, org):
    lead_make(org, last_name="Ames", source="web", status="working")
    lead_make(org, last_name="Brown", source="event")
    lead_make(org, last_name="Cole", source="", company_name="Cole & Co")
    assert listed(api, "/leads", "last_name", source="web") == ["Ames"]
    assert listed(api, "/leads", "last_name", source="(none)") == ["Cole"]
    assert listed(api, "/leads", "last_name", status="working") == ["Ames"]
    assert listed(api, "/leads", "last_name", q="cole &") == ["Cole"]
    response = api.get("/leads", {"status": "hot"})
    assert response.status_code == 422 and "status" in errors_of(response)


def test_a_lead_with_nothing_to_tell_it_by_is_refused(api, org):
    response = api.post("/leads", {"source": "web"})
    assert response.status_code == 422
    assert list(errors_of(response)) == [None]
    assert "a lead needs a name" in errors_of(response)[None]
    assert api.post("/leads", {"company_name": "Acme"}).status_code == 201


def test_spaces_are_no_value(api, org):
    for body in (
        {"first_name": "   "},
        {"company_name": "  "},
        {"phone": " "},
        {"external_id": " "},
    ):
        response = api.post("/leads", body)
        assert response.status_code == 422, body
        assert "a lead needs a name" in errors_of(response)[None]
    lead = lead_make(org, first_name="Ada", last_name="")
    response = api.patch(f"/leads/{lead.pk}", {"first_name": "  "})
    assert response.status_code == 422
    lead.refresh_from_db()
    assert lead.first_name == "Ada"


def test_a_lead_known_only_by_its_external_id_converts(api, org):
    lead = lead_make(org, first_name="", last_name="", email="", external_id="MQL-7")
    response = api.post(f"/leads/{lead.pk}/convert", {})
    assert response.status_code == 200, response.json()
    lead.refresh_from_db()
    assert lead.converted_contact.external_id == "MQL-7"
    assert lead.converted_contact.name == "Contact MQL-7"
