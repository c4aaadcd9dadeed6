"""Bearer-token auth. A token belongs to one user in one organization; that organization
scopes every query a request makes (`org(request)`)."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from topline.accounts.models import ApiToken, Membership, Organization
from topline.accounts.services import api_token_authenticate

# Writing last_used_at on every request would turn each read into a write.
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token.strip())
        if api_token is None:
            return None
        # A user removed from the organization loses its tokens there at once.
        if not Membership.objects.filter(
            organization_id=api_token.organization_id, user_id=api_token.user_id
        ).exists():
            return None
        touch(api_token)
        return api_token


def touch(api_token: ApiToken) -> None:
    now = timezone.now()
    if api_token.last_used_at and now - api_token.last_used_at < TOUCH_EVERY:
        return
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    api_token.last_used_at = now


def org(request: HttpRequest) -> Organization:
    return request.auth.organization
