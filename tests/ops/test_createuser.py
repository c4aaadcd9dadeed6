import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.factories import org_make
from topline.accounts.models import Membership, Organization, Role, User

PASSWORD = "plum-orbit-lantern-7"


def test_it_creates_the_organization_and_the_user(db):
    call_command(
        "createuser", "alice", "--org", "acme", "--password", PASSWORD,
        "--role", "manager", "--email", "alice@example.com",
    )  # fmt: skip
    user = User.objects.get(username="alice")
    assert user.check_password(PASSWORD)
    assert user.email == "alice@example.com"
    membership = Membership.objects.get(user=user)
    assert membership.organization.slug == "acme"
    assert membership.role == Role.MANAGER


def test_it_joins_an_existing_organization(db):
    org = org_make("Existing")
    organizations = Organization.objects.count()
    call_command("createuser", "bob", "--org", org.slug, "--password", PASSWORD)
    assert Organization.objects.count() == organizations
    membership = Membership.objects.get(user__username="bob")
    assert (membership.organization, membership.role) == (org, Role.OWNER)


def test_it_refuses_a_username_that_is_taken(db):
    call_command("createuser", "carol", "--org", "acme", "--password", PASSWORD)
    with pytest.raises(CommandError, match="a user named 'carol' already exists"):
        call_command("createuser", "carol", "--org", "other", "--password", PASSWORD)
    assert not Organization.objects.filter(slug="other").exists()


def test_the_topline_command_reports_a_taken_username(tmp_path):
    # The real command line, on a fresh SQLite home: it migrates, creates, then refuses.
    env = {**os.environ, "TOPLINE_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "topline.cli", "createuser", "dave", "--org", "acme"]
    command += ["--password", PASSWORD]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "Created user 'dave' (owner) in 'acme'." in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1
    assert "a user named 'dave' already exists" in again.stderr


def test_it_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="too short"):
        call_command("createuser", "erin", "--org", "acme", "--password", "abc")
    assert not User.objects.filter(username="erin").exists()


def test_it_refuses_a_bad_organization_slug(db):
    with pytest.raises(CommandError, match="slug"):
        call_command("createuser", "frank", "--org", "not a slug!", "--password", PASSWORD)
    assert not User.objects.filter(username="frank").exists()


def test_it_asks_for_a_password_only_in_a_terminal(db, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="give --password"):
        call_command("createuser", "gina", "--org", "acme")
