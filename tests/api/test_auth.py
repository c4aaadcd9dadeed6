"""Token auth: every operation refuses a request without a valid token."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.api.conftest import ApiClient, errors_of
from topline.accounts.models import ApiToken, Membership
from topline.api.main import api as ninja_api


def _operations():
    schema = ninja_api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method in methods:
            yield method, re.sub(r"\{\w+\}", "1", path.removeprefix("/api/v1"))


OPERATIONS = sorted(set(_operations()))


@pytest.mark.parametrize("method,path", OPERATIONS)
def test_it_refuses_every_operation_without_a_token(client, db, method, path):
    response = getattr(client, method)(f"/api/v1{path}", content_type="application/json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert list(errors_of(response)) == [None]


def test_it_refuses_a_wrong_token(client, token):
    response = ApiClient(client, "tl_not-a-real-token").get("/companies")
    assert response.status_code == 401
    assert "Bearer" in errors_of(response)[None]


def test_it_refuses_another_scheme(client, token):
    response = client.get("/api/v1/companies", headers={"Authorization": f"Token {token[1]}"})
    assert response.status_code == 401


def test_it_accepts_a_valid_token(api, org, owner):
    response = api.get("/me")
    assert response.status_code == 200
    assert response.json()["organization"]["slug"] == org.slug
    assert response.json()["user"]["username"] == owner.username
    assert response.json()["token_name"] == "tests"


def test_it_refuses_the_token_of_a_user_who_left_the_organization(api, org, owner):
    Membership.objects.filter(organization=org, user=owner).delete()
    assert api.get("/me").status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(api, owner):
    owner.is_active = False
    owner.save()
    assert api.get("/me").status_code == 401


def test_it_records_last_use_at_most_once_a_minute(api, token):
    row, _ = token
    assert api.get("/me").status_code == 200
    row.refresh_from_db()
    first = row.last_used_at
    assert first is not None and timezone.now() - first < dt.timedelta(seconds=5)

    api.get("/me")
    row.refresh_from_db()
    assert row.last_used_at == first  # within the minute: no write

    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    api.get("/me")
    row.refresh_from_db()
    assert row.last_used_at > first - dt.timedelta(seconds=1)


def test_it_needs_no_token_for_the_openapi_document(client, db):
    assert client.get("/api/v1/openapi.json").status_code == 200
