def test_the_openapi_document_lists_every_path(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Topline API"
    assert set(document["paths"]) == {
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/pipelines",
        "/api/v1/companies",
        "/api/v1/companies/{company_id}",
        "/api/v1/contacts",
        "/api/v1/contacts/{contact_id}",
        "/api/v1/leads",
        "/api/v1/leads/{lead_id}",
        "/api/v1/leads/{lead_id}/convert",
        "/api/v1/deals",
        "/api/v1/deals/{deal_id}",
        "/api/v1/deals/{deal_id}/move",
        "/api/v1/orders",
        "/api/v1/orders/{order_id}",
        "/api/v1/activities",
        "/api/v1/activities/{activity_id}",
        "/api/v1/metrics",
    }
    assert set(document["paths"]["/api/v1/deals/{deal_id}"]) == {"get", "patch"}
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_money_is_documented_as_strings(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["Money"]["properties"]["amount"]["type"] == "string"


def test_the_docs_page_loads(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
