from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import user_make
from topline.accounts.models import ApiToken
from topline.accounts.services import api_token_authenticate


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
