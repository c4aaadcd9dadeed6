from tests.api.conftest import errors_of, listed
from tests.factories import company_make, contact_make
from topline.contacts.models import Contact


def test_it_creates_a_contact_at_a_company(api, org):
    company = company_make(org)
    response = api.post(
        "/contacts",
        {
            "first_name": "Ada",
            "last_name": "King",
            "email": "ada@example.com",
            "company": company.id,
            "time_zone": "Europe/London",
            "preferred_channel": "email",
        },
    )
    assert response.status_code == 201
    contact = Contact.objects.for_org(org).get(pk=response.json()["id"])
    assert (contact.email, contact.company, contact.time_zone) == (
        "ada@example.com",
        company,
        "Europe/London",
    )


def test_it_names_an_invalid_email_and_time_zone(api, org):
    response = api.post("/contacts", {"email": "not-an-email", "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    errors = errors_of(response)
    assert errors["email"] == "Enter a valid email address."
    assert "IANA time zone" in errors["time_zone"]
    assert not Contact.objects.for_org(org).exists()


def test_it_names_an_unknown_company(api):
    response = api.post("/contacts", {"last_name": "King", "company": 999999})
    assert response.status_code == 422
    assert errors_of(response) == {"company": "No record with id 999999 in this organization."}


def test_it_updates_a_contact(api, org):
    contact = contact_make(org, first_name="Ada")
    response = api.patch(f"/contacts/{contact.id}", {"do_not_contact": True, "title": "CTO"})
    assert response.status_code == 200
    contact.refresh_from_db()
    assert (contact.first_name, contact.do_not_contact, contact.title) == ("Ada", True, "CTO")


def test_it_refuses_an_invalid_email_on_update(api, org):
    contact = contact_make(org, email="ada@example.com")
    response = api.patch(f"/contacts/{contact.id}", {"email": "ada at example"})
    assert response.status_code == 422
    assert errors_of(response) == {"email": "Enter a valid email address."}
    contact.refresh_from_db()
    assert contact.email == "ada@example.com"


def test_it_filters_by_search_company_and_source(api, org):
    globex = company_make(org)
    contact_make(org, last_name="Ames", company=globex, source="web")
    contact_make(org, last_name="Brown", source="event")
    contact_make(org, last_name="Cole", email="cole@globex.com", source="web")
    assert listed(api, "/contacts", "last_name", company=globex.id) == ["Ames"]
    assert listed(api, "/contacts", "last_name", source="web") == ["Ames", "Cole"]
    assert listed(api, "/contacts", "last_name", q="globex") == ["Cole"]


def test_names_are_stripped_as_the_form_strips_them(api, org):
    response = api.post("/contacts", {"first_name": "  Ada ", "last_name": "\tKing  "})
    assert response.status_code == 201
    assert (response.json()["first_name"], response.json()["last_name"]) == ("Ada", "King")
    response = api.patch(f"/contacts/{response.json()['id']}", {"last_name": " Lovelace "})
    assert response.json()["last_name"] == "Lovelace"


def test_a_contact_with_nothing_to_tell_it_by_is_refused(api, org):
    response = api.post("/contacts", {"title": "CEO"})
    assert response.status_code == 422
    assert errors_of(response) == {
        None: "a contact needs a name, an e-mail address, a phone number, an external id "
        "or a company"
    }
    assert api.post("/contacts", {"phone": "+44 20 7946 0000"}).status_code == 201


def test_spaces_are_no_phone_or_external_id(api, org):
    for body in ({"phone": "  "}, {"external_id": "  "}, {"first_name": " ", "email": " "}):
        assert api.post("/contacts", body).status_code == 422, body
    created = api.post("/contacts", {"first_name": " Ada ", "phone": " +44 1 "}).json()
    assert (created["first_name"], created["phone"]) == ("Ada", "+44 1")
