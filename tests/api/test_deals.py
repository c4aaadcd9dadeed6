import datetime as dt

from tests.api.conftest import errors_of, listed
from tests.factories import company_make, deal_make, user_make
from topline.deals.models import Deal
from topline.deals.services import pipeline_default
from topline.sales.models import Order


def stage(org, name):
    return pipeline_default(organization=org).stages.get(name=name)


def test_it_creates_a_deal_with_exact_money(api, org, owner):
    company = company_make(org)
    response = api.post(
        "/deals",
        {
            "title": "Globex renewal",
            "stage": stage(org, "Proposal").id,
            "amount": {"amount": "1234.50", "currency": "USD"},
            "company": company.id,
            "close_date": "2024-06-30",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount"] == {"amount": "1234.5", "currency": "USD"}
    assert body["status"] == "open"
    deal = Deal.objects.for_org(org).get(pk=body["id"])
    assert (deal.amount_micros, deal.company, deal.stage.name) == (
        1_234_500_000,
        company,
        "Proposal",
    )
    assert deal.stage_changes.get().changed_by == owner


def test_it_puts_a_deal_without_a_stage_in_the_first_one(api, org):
    response = api.post("/deals", {"title": "Small"})
    assert response.status_code == 201
    assert Deal.objects.for_org(org).get().stage.name == "Lead in"
    assert response.json()["amount"] == {"amount": "0", "currency": "USD"}


def test_it_refuses_float_and_malformed_amounts(api, org):
    response = api.post("/deals", {"title": "x", "amount": {"amount": 12.3}})
    assert response.status_code == 422
    assert "string" in errors_of(response)["amount.amount"]
    response = api.post("/deals", {"title": "x", "amount": {"amount": "1e3"}})
    assert list(errors_of(response)) == ["amount.amount"]
    response = api.post("/deals", {"title": "x", "amount": {"amount": "0.0000001"}})
    assert "6 decimal places" in errors_of(response)["amount"]
    response = api.post("/deals", {"title": "x", "amount": {"amount": "-1"}})
    assert errors_of(response) == {"amount": "must not be negative"}
    assert not Deal.objects.for_org(org).exists()


def test_it_refuses_a_stage_of_another_organization(api, other_org):
    response = api.post("/deals", {"title": "x", "stage": stage(other_org, "Won").id})
    assert response.status_code == 422
    assert list(errors_of(response)) == ["stage"]


def test_it_updates_a_deal(api, org):
    deal = deal_make(org, amount="100")
    response = api.patch(f"/deals/{deal.id}", {"title": "Bigger", "amount": {"amount": "250.75"}})
    assert response.status_code == 200
    deal.refresh_from_db()
    assert (deal.title, deal.amount_micros) == ("Bigger", 250_750_000)


def test_it_keeps_the_currency_and_stage_out_of_an_update(api, org):
    deal = deal_make(org)
    response = api.patch(f"/deals/{deal.id}", {"amount": {"amount": "1", "currency": "EUR"}})
    assert errors_of(response) == {"amount.currency": "must be USD."}
    response = api.patch(f"/deals/{deal.id}", {"stage": stage(org, "Won").id})
    assert response.status_code == 422 and "stage" in errors_of(response)


def test_it_moves_a_deal_and_records_the_change(api, org, owner):
    deal = deal_make(org)
    response = api.post(f"/deals/{deal.id}/move", {"stage": stage(org, "Negotiation").id})
    assert response.status_code == 200
    assert response.json()["stage"] == stage(org, "Negotiation").id
    change = deal.stage_changes.order_by("-id").first()
    assert (change.from_stage.name, change.to_stage.name, change.changed_by) == (
        "Qualified",
        "Negotiation",
        owner,
    )


def test_winning_a_deal_closes_it_and_makes_its_order(api, org, django_capture_on_commit_callbacks):
    deal = deal_make(org, amount="500")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/deals/{deal.id}/move", {"stage": stage(org, "Won").id, "close_date": "2024-05-02"}
        )
    assert response.json()["status"] == "won"
    assert response.json()["close_date"] == "2024-05-02"
    order = Order.objects.for_org(org).get(deal=deal)
    assert (order.ordered_on, order.total_micros) == (dt.date(2024, 5, 2), 500_000_000)


def test_it_refuses_a_stage_of_another_pipeline(api, org):
    from topline.deals.services import pipeline_create

    other = pipeline_create(organization=org, name="Partners", stages=[("Talk", 10, "open")])
    deal = deal_make(org)
    response = api.post(f"/deals/{deal.id}/move", {"stage": other.stages.get().id})
    assert response.status_code == 422
    assert errors_of(response) == {"stage": "is not a stage of this deal's pipeline"}


def test_it_filters_by_search_stage_owner_and_close_date(api, org):
    rep = user_make(org)
    deal_make(org, title="Alpha", close_date=dt.date(2024, 1, 10), owner=rep)
    deal_make(org, title="Beta", stage_name="Proposal", close_date=dt.date(2024, 2, 10))
    deal_make(org, title="Gamma", company=company_make(org, name="Acme Rockets"))
    assert listed(api, "/deals", "title", q="rockets") == ["Gamma"]
    assert listed(api, "/deals", "title", stage=stage(org, "Proposal").id) == ["Beta"]
    assert listed(api, "/deals", "title", owner=rep.id) == ["Alpha"]
    assert listed(api, "/deals", "title", close_from="2024-02-01", close_to="2024-02-28") == [
        "Beta"
    ]
