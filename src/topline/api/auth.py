"""Bearer-token auth. A token belongs to one user in one organization; that organization
scopes every query a request makes (`org(request)`)."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from topline.accounts.models import ApiToken, Organization
from topline.accounts.services import api_token_authenticate, api_token_touch


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token.strip())
        if api_token is not None:
            api_token_touch(token=api_token)
        return api_token


def org(request: HttpRequest) -> Organization:
    return request.auth.organization
