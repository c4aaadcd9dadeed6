"""Writes for organizations, users, memberships and API tokens."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify

from topline.accounts.models import ApiToken, Membership, Organization, Role, Team, User


def organization_create(*, name: str, slug: str = "", currency: str = "USD") -> Organization:
    org = Organization(name=name, slug=slug or slugify(name), currency=currency.upper())
    org.full_clean()
    org.save()
    return org


def organization_get_or_create(*, slug: str, name: str = "", currency: str = "USD"):
    org = Organization.objects.filter(slug=slug).first()
    if org:
        return org, False
    return organization_create(name=name or slug, slug=slug, currency=currency), True


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    organization: Organization,
    role: str = Role.REP,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def membership_ensure(*, organization: Organization, user: User, role: str = Role.REP):
    membership, _ = Membership.objects.get_or_create(
        organization=organization, user=user, defaults={"role": role}
    )
    return membership


def team_add_member(*, organization: Organization, name: str, kind: str, user: User) -> Team:
    team, _ = Team.objects.for_org(organization).get_or_create(
        organization=organization, kind=kind, name=name
    )
    team.members.add(user)
    return team


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, organization: Organization, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the secret, which is shown once and never stored."""
    if not Membership.objects.filter(organization=organization, user=user).exists():
        raise ValueError("the user is not a member of this organization")
    key = "tl_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization=organization, user=user, name=name, prefix=key[:10], key_hash=_hash(key)
    )
    return token, key


def api_token_authenticate(key: str) -> ApiToken | None:
    """The token for this secret, if its user is active and still a member of its
    organization: removing someone from an organization revokes their tokens there at once."""
    member = Membership.objects.filter(
        organization_id=OuterRef("organization_id"), user_id=OuterRef("user_id")
    )
    return (
        ApiToken.objects.select_related("organization", "user")
        .filter(Exists(member), key_hash=_hash(key), user__is_active=True)
        .first()
    )


# Writing last_used_at on every request would turn each read into a write.
TOKEN_TOUCH_EVERY = dt.timedelta(minutes=1)


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < TOKEN_TOUCH_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
