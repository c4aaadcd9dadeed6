import datetime as dt

from tests.api.conftest import errors_of, listed
from tests.factories import company_make, contact_make
from topline.sales.models import Order, OrderLine
from topline.sales.services import LineInput, order_create, product_create


def order_make(org, number, ordered_on=dt.date(2024, 5, 1), **fields):
    lines = [LineInput(quantity=1, unit_price="10")]
    return order_create(
        organization=org, number=number, ordered_on=ordered_on, lines=lines, **fields
    )


def test_it_creates_an_order_with_lines(api, org):
    company = company_make(org, source="webinar")
    widget = product_create(organization=org, code="W-1", name="Widget", price="9.99")
    response = api.post(
        "/orders",
        {
            "number": "SO-100",
            "ordered_on": "2024-05-03",
            "company": company.id,
            "lines": [
                {"product": widget.id, "quantity": "3", "unit_price": {"amount": "9.99"}},
                {
                    "product_name": "Setup",
                    "quantity": 1,
                    "unit_price": {"amount": "100.00", "currency": "USD"},
                    "discount": "0.25",
                },
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["total"] == {"amount": "104.97", "currency": "USD"}
    assert body["source"] == "webinar"
    assert [line["product_code"] for line in body["lines"]] == ["W-1", ""]
    assert body["lines"][1] == {
        "line_no": 2,
        "product": None,
        "product_code": "",
        "product_name": "Setup",
        "quantity": "1",
        "unit_price": {"amount": "100", "currency": "USD"},
        "discount": "0.25",
        "total": {"amount": "75", "currency": "USD"},
    }
    order = Order.objects.for_org(org).get(number="SO-100")
    assert (order.total_micros, order.line_count, order.company) == (104_970_000, 2, company)
    assert OrderLine.objects.for_org(org).filter(order=order).count() == 2


def test_it_accepts_a_return_with_negative_quantities(api, org):
    response = api.post(
        "/orders",
        {
            "number": "RET-1",
            "ordered_on": "2024-05-04",
            "lines": [{"quantity": "-2", "unit_price": {"amount": "10"}}],
        },
    )
    assert response.status_code == 201
    assert response.json()["total"]["amount"] == "-20"


def test_it_names_the_line_and_field_at_fault(api, org):
    response = api.post(
        "/orders",
        {
            "number": "SO-1",
            "ordered_on": "2024-05-03",
            "lines": [
                {"quantity": "1", "unit_price": {"amount": "10"}},
                {"quantity": "1", "unit_price": {"amount": "10"}, "discount": "1.5"},
                {"quantity": "1", "unit_price": {"amount": "10", "currency": "EUR"}},
            ],
        },
    )
    assert response.status_code == 422
    assert errors_of(response) == {"lines[2].unit_price.currency": "must be USD."}
    response = api.post(
        "/orders",
        {
            "number": "SO-1",
            "ordered_on": "2024-05-03",
            "lines": [
                {"quantity": "1", "unit_price": {"amount": "10"}},
                {"quantity": "1", "unit_price": {"amount": "10"}, "discount": "1.5"},
            ],
        },
    )
    assert errors_of(response) == {"lines[1].discount": "'1.5' must be a fraction from 0 to 1"}
    response = api.post(
        "/orders",
        {"number": "SO-1", "ordered_on": "2024-05-03", "lines": [{"quantity": 1.5}]},
    )
    assert set(errors_of(response)) == {"lines[0].quantity", "lines[0].unit_price"}
    assert not Order.objects.for_org(org).exists()


def test_it_refuses_an_order_without_lines_or_in_another_currency(api, org):
    response = api.post(
        "/orders", {"number": "SO-1", "ordered_on": "2024-05-03", "currency": "EUR", "lines": []}
    )
    assert response.status_code == 422
    errors = errors_of(response)
    assert errors["lines"] == "an order needs at least one line"
    assert errors["currency"] == "must be the organization's currency (USD)"


def test_it_refuses_a_duplicate_number(api, org):
    order_make(org, "SO-1")
    response = api.post(
        "/orders",
        {
            "number": "SO-1",
            "ordered_on": "2024-05-03",
            "lines": [{"quantity": "1", "unit_price": {"amount": "1"}}],
        },
    )
    assert response.status_code == 422
    assert errors_of(response) == {"number": "order SO-1 already exists"}


def test_it_refuses_to_change_an_order(api, org):
    order = order_make(org, "SO-1")
    response = api.patch(f"/orders/{order.id}", {"number": "SO-2"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert "return" in errors_of(response)[None]
    order.refresh_from_db()
    assert order.number == "SO-1"


def test_it_filters_by_search_and_date_range(api, org):
    order_make(org, "A-1", dt.date(2024, 1, 5), company=company_make(org, name="Globex"))
    order_make(org, "A-2", dt.date(2024, 2, 5), contact=contact_make(org, external_id="K-9"))
    order_make(org, "A-3", dt.date(2024, 3, 5))
    assert listed(api, "/orders", "number", q="globex") == ["A-1"]
    assert listed(api, "/orders", "number", q="K-9") == ["A-2"]
    assert listed(api, "/orders", "number", q="A-3") == ["A-3"]
    assert listed(api, "/orders", "number", q=" a-3 ") == ["A-3"]  # trimmed, as the web does
    assert listed(api, "/orders", "number", q=" ") == ["A-3", "A-2", "A-1"]  # no search
    assert listed(api, "/orders", "number", date_from="2024-02-01") == ["A-3", "A-2"]
    assert listed(api, "/orders", "number", date_to="2024-02-05") == ["A-2", "A-1"]


def test_it_refuses_what_a_column_cannot_hold_exactly(api, org):
    """Too long for the column (SQLite would keep it, PostgreSQL fail), or a discount finer
    than the 4 decimals stored, which the total would then disagree with."""
    line = {"product_code": "P" * 64, "quantity": "1", "unit_price": {"amount": "100"}}
    response = api.post(
        "/orders",
        {
            "number": "N" * 65,
            "ordered_on": "2024-05-03",
            "lines": [
                {**line, "product_code": "P" * 65},
                {**line, "discount": "0.12345"},
                {**line, "discount": "0.1234"},
            ],
        },
    )
    assert response.status_code == 422
    assert errors_of(response) == {
        "number": "has 65 characters, at most 64",
        "lines[0].product_code": "has 65 characters, at most 64",
        "lines[1].discount": "'0.12345' has more than 4 decimals",
    }
    assert not Order.objects.for_org(org).exists()
    whole = api.post("/orders", {"number": "N" * 64, "ordered_on": "2024-05-03", "lines": [line]})
    assert whole.status_code == 201
