import datetime as dt
import json

from tests.api.conftest import errors_of
from tests.factories import company_make, deal_make, lead_make
from topline.analytics.metrics import metrics_report
from topline.sales.services import LineInput, order_create


def book(org):
    globex = company_make(org, source="webinar")
    for number, day, price in (("A", dt.date(2024, 5, 3), "0.10"), ("B", dt.date(2023, 5, 9), "7")):
        order_create(
            organization=org, number=number, ordered_on=day, company=globex,
            lines=[LineInput(quantity=2, unit_price=price)],
        )  # fmt: skip
    deal_make(org, stage_name="Won", close_date=dt.date(2024, 5, 20))
    lead_make(org, captured_on=dt.date(2024, 5, 2))


def test_it_returns_the_metrics_report_of_the_period(api, org):
    book(org)
    response = api.get("/metrics", {"from": "2024-05-01", "to": "2024-05-31"})
    assert response.status_code == 200
    expected = metrics_report(org, dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert response.json() == json.loads(json.dumps(expected))
    # 2 × 0.10 on 3 May, plus the deal won on 20 May, which becomes an order of 1000
    assert response.json()["revenue"] == "1000.2"


def test_it_is_open_ended_without_bounds(api, org):
    book(org)
    assert api.get("/metrics").json() == json.loads(json.dumps(metrics_report(org)))


def test_it_reports_only_the_tokens_organization(api, outsider_api, org):
    book(org)
    theirs = outsider_api.get("/metrics").json()
    assert theirs["revenue"] == "0"
    assert theirs["organization"] != org.slug


def test_it_names_a_bad_period(api, org):
    response = api.get("/metrics", {"from": "2024-13-01"})
    assert response.status_code == 422 and list(errors_of(response)) == ["from"]
    response = api.get("/metrics", {"from": "2024-06-01", "to": "2024-05-01"})
    assert response.status_code == 422
    assert errors_of(response) == {"from": "must be on or before 'to'."}
