import json

import pytest

from topline.accounts.services import api_token_create


class ApiClient:
    """Django's test client speaking JSON with a bearer token, through the real URLs."""

    def __init__(self, client, key: str | None):
        self.client = client
        self.key = key

    def _headers(self, headers):
        base = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return {**base, **(headers or {})}

    def get(self, path, params=None, headers=None):
        url = path if path.startswith("http") else f"/api/v1{path}"  # a `next` link is whole
        return self.client.get(url, params or {}, headers=self._headers(headers))

    def post(self, path, body=None, headers=None, raw: str | None = None):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", headers=self._headers(headers)
        )

    def patch(self, path, body=None, headers=None):
        return self.client.patch(
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            headers=self._headers(headers),
        )


@pytest.fixture
def token(org, owner):
    return api_token_create(organization=org, user=owner, name="tests")


@pytest.fixture
def api(client, token):
    return ApiClient(client, token[1])


@pytest.fixture
def outsider_api(client, other_org, outsider):
    _, key = api_token_create(organization=other_org, user=outsider, name="outsider")
    return ApiClient(client, key)


@pytest.fixture
def anonymous_api(client):
    return ApiClient(client, None)


def errors_of(response) -> dict:
    """{field: reason} of an error response, for assertions."""
    return {e["field"]: e["reason"] for e in response.json()["errors"]}


@pytest.fixture
def book(org):
    """One record of each kind in `org`, made through the services."""
    import datetime as dt

    from tests.factories import company_make, contact_make, deal_make, lead_make
    from topline.activities.services import activity_create
    from topline.sales.services import LineInput, order_create

    company = company_make(org, name="Globex", source="web")
    contact = contact_make(org, company=company)
    lead = lead_make(org, company_name="Initech")
    deal = deal_make(org, company=company, contact=contact)
    order = order_create(
        organization=org,
        number="SO-1",
        ordered_on=dt.date(2024, 5, 1),
        lines=[LineInput(quantity=2, unit_price="10.50")],
        company=company,
    )
    activity = activity_create(organization=org, kind="note", body="Met at the fair", deal=deal)
    return {
        "company": company,
        "contact": contact,
        "lead": lead,
        "deal": deal,
        "order": order,
        "activity": activity,
    }


def listed(api, path: str, field: str = "id", **params) -> list:
    """One field of each row of a list endpoint's first page."""
    response = api.get(path, params)
    assert response.status_code == 200, response.content
    return [row[field] for row in response.json()["results"]]
