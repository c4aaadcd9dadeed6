from tests.api.conftest import errors_of, listed
from tests.factories import company_make
from topline.contacts.models import Company


def test_it_creates_a_company(api, org, owner):
    parent = company_make(org, name="Umbrella")
    response = api.post(
        "/companies",
        {"name": "Globex", "domain": "globex.com", "parent": parent.id, "owner": owner.id},
    )
    assert response.status_code == 201
    company = Company.objects.for_org(org).get(pk=response.json()["id"])
    assert (company.name, company.domain, company.parent, company.owner) == (
        "Globex",
        "globex.com",
        parent,
        owner,
    )
    assert response.json()["parent"] == parent.id and response.json()["owner"] == owner.id


def test_it_updates_only_the_fields_sent(api, org):
    company = company_make(org, name="Globex", country="US", industry="Energy")
    response = api.patch(f"/companies/{company.id}", {"country": "DE"})
    assert response.status_code == 200
    company.refresh_from_db()
    assert (company.name, company.country, company.industry) == ("Globex", "DE", "Energy")


def test_it_unlinks_a_parent_with_null(api, org):
    company = company_make(org, parent=company_make(org))
    api.patch(f"/companies/{company.id}", {"parent": None})
    company.refresh_from_db()
    assert company.parent is None


def test_it_names_the_fields_the_service_refuses(api, org):
    response = api.post("/companies", {"name": "", "domain": "x" * 201})
    assert response.status_code == 422
    errors = errors_of(response)
    assert errors["name"] == "This field is required."
    assert "at most 200 characters" in errors["domain"]
    assert not Company.objects.for_org(org).exists()


def test_it_names_the_fields_the_schema_refuses(api):
    response = api.post("/companies", {"employees": "many", "colour": "red"})
    assert response.status_code == 422
    errors = errors_of(response)
    assert errors["name"] == "This field is required."
    assert "integer" in errors["employees"]
    assert errors["colour"] == "Extra inputs are not permitted"


def test_it_refuses_null_for_a_field_that_cannot_be_empty(api, org):
    company = company_make(org, name="Globex")
    response = api.patch(f"/companies/{company.id}", {"name": None})
    assert response.status_code == 422
    assert list(errors_of(response)) == ["name"]


def test_it_refuses_an_owner_from_outside_the_organization(api, outsider):
    response = api.post("/companies", {"name": "Globex", "owner": outsider.id})
    assert response.status_code == 422
    assert "owner" in errors_of(response)


def test_it_reports_a_taken_external_id_as_a_conflict(api, org):
    company_make(org, external_id="C-1")
    response = api.post("/companies", {"name": "Again", "external_id": "C-1"})
    assert response.status_code == 409
    assert errors_of(response) == {"external_id": "is already used by another record."}
    assert Company.objects.for_org(org).count() == 1


def test_it_filters_by_search_and_country(api, org):
    company_make(org, name="Globex", country="US")
    company_make(org, name="Initech", domain="initech.io", country="US")
    company_make(org, name="Umbrella", country="UK")
    assert listed(api, "/companies", "name", q="initech") == ["Initech"]
    assert listed(api, "/companies", "name", country="US") == ["Globex", "Initech"]
    assert listed(api, "/companies", "name", q="zzz") == []


def test_a_name_of_only_spaces_is_required_as_in_the_form(api, org):
    response = api.post("/companies", {"name": "   "})
    assert response.status_code == 422
    assert errors_of(response) == {"name": "This field is required."}
    assert not Company.objects.for_org(org).exists()

    response = api.post("/companies", {"name": "  Globex \t"})
    assert response.status_code == 201
    assert response.json()["name"] == "Globex"

    company = Company.objects.for_org(org).get()
    response = api.patch(f"/companies/{company.id}", {"name": " ", "domain": "x" * 201})
    assert set(errors_of(response)) == {"name", "domain"}  # all at once, as before
    assert errors_of(response)["name"] == "This field is required."
    company.refresh_from_db()
    assert company.name == "Globex"


def test_a_company_is_neither_its_own_parent_nor_its_subsidiarys(api, org):
    globex = company_make(org, name="Globex")
    initech = company_make(org, name="Initech", parent=globex)
    umbrella = company_make(org, name="Umbrella", parent=initech)

    response = api.patch(f"/companies/{globex.id}", {"parent": globex.id})
    assert response.status_code == 422
    assert errors_of(response) == {"parent": "A company cannot be its own parent."}
    response = api.patch(f"/companies/{globex.id}", {"parent": initech.id})  # 5 <-> 6
    assert errors_of(response) == {
        "parent": "Initech is a subsidiary of Globex, so it cannot also be its parent."
    }
    response = api.patch(f"/companies/{globex.id}", {"parent": umbrella.id})  # two levels down
    assert errors_of(response) == {
        "parent": "Umbrella is a subsidiary of Globex, so it cannot also be its parent."
    }
    globex.refresh_from_db()
    assert globex.parent is None

    # Moving a subsidiary elsewhere in the tree is fine.
    response = api.patch(f"/companies/{umbrella.id}", {"parent": globex.id})
    assert response.status_code == 200
    umbrella.refresh_from_db()
    assert umbrella.parent == globex
