import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import org_make, user_make
from topline.accounts.models import ApiToken
from topline.accounts.services import api_token_authenticate, api_token_create


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_working_secret_once(org, owner):
    out, err = run("create", "--org", org.slug, "--user", owner.username, "--name", "zapier")
    secret = out.strip()
    token = api_token_authenticate(secret)
    assert (token.organization, token.user, token.name) == (org, owner, "zapier")
    assert secret not in err and "not shown again" in err
    assert ApiToken.objects.get().key_hash != secret  # only the hash is kept


def test_it_refuses_a_user_outside_the_organization(org, other_org):
    stranger = user_make(other_org)
    with pytest.raises(CommandError, match="not a member"):
        run("create", "--org", org.slug, "--user", stranger.username, "--name", "x")
    assert not ApiToken.objects.exists()


def test_it_refuses_an_unknown_org_or_user(org, owner):
    with pytest.raises(CommandError, match="no organization"):
        run("create", "--org", "nope", "--user", owner.username, "--name", "x")
    with pytest.raises(CommandError, match="no user"):
        run("create", "--org", org.slug, "--user", "nobody", "--name", "x")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "--name must not be blank"),
        ("   ", "--name must not be blank"),
        ("x" * 500, r"--name is at most 100 characters \(this one has 500\)"),
        ("bad \udcff bytes", "--name is not valid UTF-8 text"),
    ],
)
def test_it_refuses_a_blank_or_too_long_name(org, owner, name, message):
    with pytest.raises(CommandError, match=message):
        run("create", "--org", org.slug, "--user", owner.username, "--name", name)
    assert not ApiToken.objects.exists()


def test_a_name_of_exactly_100_characters_is_kept_stripped(org, owner):
    run("create", "--org", org.slug, "--user", owner.username, "--name", f" {'x' * 100} ")
    assert ApiToken.objects.get().name == "x" * 100


def test_it_lists_the_organizations_tokens(org, owner, other_org, outsider):
    token, _ = api_token_create(organization=org, user=owner, name="zapier")
    api_token_create(organization=other_org, user=outsider, name="theirs")
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC), last_used_at=None
    )
    out, _ = run("list", "--org", org.slug)
    user = owner.username
    assert out.splitlines() == [
        "PREFIX       NAME    USER" + " " * (len(user) - 2) + "CREATED               LAST USED",
        f"{token.prefix}…  zapier  {user}  2024-05-01 09:30 UTC  never",
    ]
    empty = org_make("Empty Org")
    out, err = run("list", "--org", empty.slug)
    assert out == "" and err.strip() == f"No API tokens in {empty.slug}."


def test_a_revoked_token_stops_working(api, org, token):
    row, secret = token
    assert api.get("/me").status_code == 200
    out, _ = run("revoke", "--org", org.slug, f"{row.prefix}…")  # as `list` shows it
    assert (
        out.strip()
        == f"Revoked token 'tests' ({row.prefix}…) of {row.user.username} in {org.slug}."
    )
    assert api_token_authenticate(secret) is None
    assert api.get("/me").status_code == 401


def test_it_revokes_only_in_the_organization_given(org, other_org, outsider):
    row, secret = api_token_create(organization=other_org, user=outsider, name="theirs")
    message = f"no token with prefix '{row.prefix}' in {org.slug}"
    with pytest.raises(CommandError, match=re.escape(message)):
        run("revoke", "--org", org.slug, row.prefix)
    assert api_token_authenticate(secret) == row
