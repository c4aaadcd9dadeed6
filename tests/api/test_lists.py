"""Pages and their links, and the query count of every list: the same for 2 rows as for 12
(no query per row)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import errors_of, listed
from tests.factories import company_make, contact_make, deal_make, lead_make, user_make
from topline.activities.services import activity_create
from topline.sales.services import LineInput, order_create


def test_it_pages_with_next_and_previous_links(api, org):
    for n in range(5):
        company_make(org, name=f"Company {n}")
    first = api.get("/companies", {"limit": 2, "country": ""}).json()
    assert [c["name"] for c in first["results"]] == ["Company 0", "Company 1"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/companies?limit=2&country=&offset=2"
    second = api.get(first["next"]).json()
    assert [c["name"] for c in second["results"]] == ["Company 2", "Company 3"]
    assert second["previous"].endswith("offset=0")
    last = api.get("/companies", {"limit": 2, "offset": 4}).json()
    assert [c["name"] for c in last["results"]] == ["Company 4"]
    assert last["next"] is None


def test_it_bounds_the_page_size(api, org):
    assert errors_of(api.get("/companies", {"limit": 201})) == {
        "limit": "Input should be less than or equal to 200"
    }
    assert list(errors_of(api.get("/companies", {"offset": -1}))) == ["offset"]


def make_rows(org, n):
    """n rows behind every list, each row with every relation the list may touch."""
    owner = user_make(org)
    for _ in range(n):
        company = company_make(org, owner=owner)
        contact = contact_make(org, company=company, owner=owner)
        lead_make(org, owner=owner)
        deal = deal_make(org, company=company, contact=contact, owner=owner)
        order_create(
            organization=org,
            number=f"SO-{deal.id}",
            ordered_on=dt.date(2024, 5, 1),
            company=company,
            lines=[LineInput(quantity=1, unit_price="5"), LineInput(quantity=2, unit_price="1")],
        )
        activity_create(organization=org, kind="note", body="hi", deal=deal, owner=owner)


# auth (one query: the token, with its membership checked in it) + the page
# (+ the page's order lines)
LISTS = {
    "/companies": 2,
    "/contacts": 2,
    "/leads": 2,
    "/deals": 2,
    "/orders": 3,
    "/activities": 2,
    "/users": 2,
    "/pipelines": 4,
}


@pytest.mark.parametrize("path,expected", LISTS.items())
def test_a_list_costs_the_same_queries_for_any_number_of_rows(api, org, path, expected):
    api.get("/me")  # the token's last_used_at is written once; leave it out of the count
    make_rows(org, 2)
    with CaptureQueriesContext(connection) as few:
        assert api.get(path).status_code == 200
    make_rows(org, 10)
    with CaptureQueriesContext(connection) as many:
        response = api.get(path)
    assert response.status_code == 200
    assert len(many) == len(few) == expected, [q["sql"] for q in many.captured_queries]


DETAILS = {
    "company": ("/companies/{}", 2),
    "contact": ("/contacts/{}", 2),
    "lead": ("/leads/{}", 2),
    "deal": ("/deals/{}", 2),
    "order": ("/orders/{}", 3),
    "activity": ("/activities/{}", 2),
}


@pytest.mark.parametrize("kind", DETAILS)
def test_a_record_costs_a_fixed_number_of_queries(api, book, kind):
    path, expected = DETAILS[kind]
    api.get("/me")
    with CaptureQueriesContext(connection) as queries:
        assert api.get(path.format(book[kind].id)).status_code == 200
    assert len(queries) == expected, [q["sql"] for q in queries.captured_queries]


def test_it_sorts_by_the_same_keys_as_the_html_lists(api, org):
    deal_make(org, title="Small", amount="10", close_date=dt.date(2024, 3, 1))
    deal_make(org, title="Big", amount="900", close_date=dt.date(2024, 1, 1))
    deal_make(org, title="Mid", amount="50", close_date=dt.date(2024, 2, 1))
    assert listed(api, "/deals", "title") == ["Small", "Mid", "Big"]  # -close_date
    assert listed(api, "/deals", "title", sort="-amount") == ["Big", "Mid", "Small"]
    assert listed(api, "/deals", "title", sort="close_date") == ["Big", "Mid", "Small"]
    response = api.get("/deals", {"sort": "title"})
    assert response.status_code == 422 and list(errors_of(response)) == ["sort"]
