import os
from pathlib import Path

import pytest

from tests.factories import org_make, user_make

REPO = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """../shared/data beside the checkout (or $TOPLINE_SHARED_DATA). Absent data fails the
    run: a test that reads it must never be skipped silently."""
    path = Path(os.environ.get("TOPLINE_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        pytest.fail(f"the public test data is missing: {path} (see README, 'Test data')")
    return path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_dir() -> Path:
    return shared_data_dir()


@pytest.fixture
def org(db):
    return org_make("Acme Sales")


@pytest.fixture
def other_org(db):
    return org_make("Outsider Inc")


@pytest.fixture
def owner(org):
    return user_make(org)


@pytest.fixture
def outsider(other_org):
    return user_make(other_org)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


_imported: dict[str, str] = {}


@pytest.fixture(scope="session")
def imported(django_db_setup, django_db_blocker):
    """import(preset, folder) -> organization slug. Each real data set is imported once per
    test session, outside the per-test transaction, so several test modules can read it.
    pytest-django runs these `db` tests before any transactional test flushes the tables."""
    from django.core.management import call_command

    def run(preset: str, folder: str) -> str:
        if preset not in _imported:
            slug = f"real-{preset}"
            with django_db_blocker.unblock():
                call_command("import_data", preset, str(shared_data_dir() / folder), org=slug)
            _imported[preset] = slug
        return _imported[preset]

    return run
