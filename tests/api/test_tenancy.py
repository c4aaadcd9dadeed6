"""An outsider's token never reaches this organization's rows: 404 on every id, and lists
show only the outsider's own organization."""

import pytest

LISTS = ["/companies", "/contacts", "/leads", "/deals", "/orders", "/activities"]
DETAILS = [
    ("company", "/companies/{}"),
    ("contact", "/contacts/{}"),
    ("lead", "/leads/{}"),
    ("deal", "/deals/{}"),
    ("order", "/orders/{}"),
    ("activity", "/activities/{}"),
]
PATCHES = [
    ("company", "/companies/{}", {"name": "Hijacked"}),
    ("contact", "/contacts/{}", {"last_name": "Hijacked"}),
    ("lead", "/leads/{}", {"last_name": "Hijacked"}),
    ("deal", "/deals/{}", {"title": "Hijacked"}),
    ("order", "/orders/{}", {}),
    ("activity", "/activities/{}", {"done": True}),
]


@pytest.mark.parametrize("kind,path", DETAILS)
def test_the_owner_reads_each_record(api, book, kind, path):
    response = api.get(path.format(book[kind].id))
    assert response.status_code == 200
    assert response.json()["id"] == book[kind].id


@pytest.mark.parametrize("kind,path", DETAILS)
def test_an_outsider_gets_404_reading_a_record(outsider_api, book, kind, path):
    response = outsider_api.get(path.format(book[kind].id))
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "reason": "Not found."}]}


@pytest.mark.parametrize("kind,path,body", PATCHES)
def test_an_outsider_gets_404_changing_a_record(outsider_api, book, kind, path, body):
    before = type(book[kind]).objects.for_org(book[kind].organization).get(pk=book[kind].pk)
    response = outsider_api.patch(path.format(book[kind].id), body)
    assert response.status_code == 404
    after = type(book[kind]).objects.for_org(book[kind].organization).get(pk=book[kind].pk)
    assert after.updated_at == before.updated_at


def test_an_outsider_gets_404_converting_a_lead(outsider_api, book):
    lead = book["lead"]
    assert outsider_api.post(f"/leads/{lead.id}/convert", {}).status_code == 404
    lead.refresh_from_db()
    assert lead.status == "new"


def test_an_outsider_gets_404_moving_a_deal(outsider_api, book, org):
    deal = book["deal"]
    won = deal.pipeline.stages.get(name="Won")
    response = outsider_api.post(f"/deals/{deal.id}/move", {"stage": won.id})
    assert response.status_code == 404
    deal.refresh_from_db()
    assert deal.stage.name == "Qualified"


@pytest.mark.parametrize("path", LISTS)
def test_an_outsider_never_sees_another_organizations_rows(outsider_api, book, path):
    response = outsider_api.get(path)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("path", LISTS)
def test_the_owner_sees_the_organizations_rows(api, book, path):
    assert len(api.get(path).json()["results"]) >= 1


def test_an_outsider_cannot_link_to_another_organizations_rows(outsider_api, book):
    response = outsider_api.post("/contacts", {"last_name": "Spy", "company": book["company"].id})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "company"


def test_users_and_pipelines_are_the_organizations_own(api, outsider_api, owner, outsider, book):
    assert [u["id"] for u in api.get("/users").json()] == [owner.id]
    assert [u["id"] for u in outsider_api.get("/users").json()] == [outsider.id]
    ours = api.get("/pipelines").json()
    assert [s["name"] for s in ours[0]["stages"]][:2] == ["Lead in", "Qualified"]
    theirs = outsider_api.get("/pipelines").json()  # the default one, made on first use
    assert {s["id"] for s in theirs[0]["stages"]}.isdisjoint(s["id"] for s in ours[0]["stages"])
