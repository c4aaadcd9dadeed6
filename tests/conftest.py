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
