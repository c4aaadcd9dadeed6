"""One error shape everywhere, naming the field and the reason."""

from tests.api.conftest import errors_of


def test_malformed_json_is_a_400(api, org):
    response = api.post("/companies", raw='{"name": "Globex"')
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"field": None, "reason": "The request body is not valid JSON."}]
    }


def test_a_body_that_is_not_an_object_is_a_422(api, org):
    response = api.post("/companies", raw="[1, 2]")
    assert response.status_code == 422
    assert list(errors_of(response)) == [None]


def test_nested_fields_are_named_by_path(api, org):
    response = api.post(
        "/orders",
        {"number": "1", "ordered_on": "2024-01-01", "lines": [{"quantity": "x", "unit_price": {}}]},
    )
    assert errors_of(response) == {
        "lines[0].quantity": "'x' is not a decimal number such as \"1234.50\"",
        "lines[0].unit_price.amount": "This field is required.",
    }


def test_bad_query_and_path_parameters_are_named(api, org):
    assert list(errors_of(api.get("/deals", {"close_from": "soon"}))) == ["close_from"]
    assert list(errors_of(api.get("/deals/abc"))) == ["deal_id"]


def test_a_missing_record_is_a_404(api, org):
    response = api.get("/companies/999999")
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "reason": "Not found."}]}


def test_an_unknown_path_is_a_404_in_the_same_shape(api, org):
    response = api.get("/invoices")
    assert response.status_code == 404
    assert list(errors_of(response)) == [None]


def test_an_unsupported_method_is_a_405_in_the_same_shape(api, org):
    response = api.client.delete("/api/v1/companies", headers=api._headers(None))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert errors_of(response) == {None: "DELETE is not allowed here."}


def test_nul_characters_are_bad_input_not_a_server_error(api, org):
    response = api.post("/companies", {"name": "Glo\x00bex"})
    assert response.status_code == 422
    assert errors_of(response) == {"name": "must not contain NUL characters"}
    assert api.get("/companies", {"q": "a\x00"}).status_code == 422


def test_dates_are_iso_text_not_timestamps(api, org):
    response = api.post("/leads", {"last_name": "Hill", "captured_on": 0})
    assert errors_of(response) == {"captured_on": 'must be an ISO 8601 string such as "2024-05-31"'}
    response = api.get("/orders", {"date_to": "0"})
    assert errors_of(response) == {"date_to": 'must be an ISO 8601 value such as "2024-05-31"'}
    response = api.get("/metrics", {"to": "1"})
    assert list(errors_of(response)) == ["to"]


def test_body_numbers_and_flags_are_not_coerced(api, org):
    response = api.post("/contacts", {"last_name": "King", "do_not_contact": 0, "company": "1"})
    assert set(errors_of(response)) == {"do_not_contact", "company"}
    response = api.post("/leads", {"last_name": "Hill", "score": False})
    assert list(errors_of(response)) == ["score"]


SURROGATE = "is not valid Unicode text: it contains a lone surrogate (\\ud800)."


def test_a_lone_surrogate_in_a_string_is_a_400_naming_the_field(api, org, book):
    from topline.contacts.models import Company, Contact
    from topline.leads.models import Lead

    companies = Company.objects.for_org(org).count()
    response = api.post("/companies", raw='{"name": "\\ud800"}')
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "name", "reason": SURROGATE}]}
    assert Company.objects.for_org(org).count() == companies

    response = api.post("/contacts", {"last_name": "King", "title": "CEO \udfff"})
    assert response.status_code == 400
    assert errors_of(response) == {
        "title": "is not valid Unicode text: it contains a lone surrogate (\\udfff)."
    }
    response = api.post("/leads", {"last_name": "Hill", "campaign": "a\ud800b"})
    assert (response.status_code, errors_of(response)) == (400, {"campaign": SURROGATE})

    for path, field in (
        (f"/companies/{book['company'].id}", "domain"),
        (f"/contacts/{book['contact'].id}", "email"),
        (f"/leads/{book['lead'].id}", "first_name"),
    ):
        response = api.patch(path, {field: "\ud800"})
        assert (response.status_code, errors_of(response)) == (400, {field: SURROGATE}), path
    book["company"].refresh_from_db()
    assert book["company"].domain == ""
    assert Contact.objects.for_org(org).count() == 1 and Lead.objects.for_org(org).count() == 1


def test_a_lone_surrogate_is_named_by_its_path_or_as_the_body(api, org):
    lines = [{"quantity": "1", "unit_price": {"amount": "5"}, "product_name": "ok"}] * 2
    lines[1] = {**lines[1], "product_name": "\ud800"}
    response = api.post("/orders", {"number": "SO-9", "ordered_on": "2024-05-01", "lines": lines})
    assert errors_of(response) == {"lines[1].product_name": SURROGATE}

    response = api.post("/companies", raw='{"\\ud800": "x", "name": "Globex"}')
    assert response.status_code == 400
    assert errors_of(response) == {
        "body": "has a key that is not valid Unicode text: it contains a lone surrogate (\\ud800)."
    }
    # The same surrogate sent as raw (CESU-8) bytes, which json reads with surrogatepass.
    response = api.client.post(
        "/api/v1/companies",
        b'{"name": "\xed\xa0\x80"}',
        content_type="application/json",
        headers=api._headers(None),
    )
    assert (response.status_code, errors_of(response)) == (400, {"name": SURROGATE})


def test_a_missing_body_is_named_as_the_body(api, org, book):
    response = api.post("/companies", raw="")
    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"field": "body", "reason": "The request body is missing: send a JSON object."}]
    }
    response = api.client.patch(
        f"/api/v1/companies/{book['company'].id}", headers=api._headers(None)
    )
    assert errors_of(response) == {"body": "The request body is missing: send a JSON object."}
