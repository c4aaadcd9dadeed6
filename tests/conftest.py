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


# Each real data set is imported once per test session, into its own organization. The import
# runs while the session fixture is set up, before any test opens its transaction, so it is
# committed to the test database and every test of the session reads it. (Called from inside
# a `db` test, it would be rolled back with that test.) pytest-django runs `db` tests before
# the transactional ones that flush the tables.
def _import(django_db_blocker, preset: str, folder: str):
    from topline.accounts.models import Organization
    from topline.dataio.runner import import_run

    with django_db_blocker.unblock():
        report = import_run(
            preset=preset, path=shared_data_dir() / folder, org_slug=f"real-{preset}"
        )
        org = Organization.objects.get(slug=f"real-{preset}")
    return org, report


@pytest.fixture(scope="session")
def maven(django_db_setup, django_db_blocker):
    return _import(django_db_blocker, "maven-crm", "maven_crm_sales_opportunities")


@pytest.fixture(scope="session")
def olist(django_db_setup, django_db_blocker):
    return _import(django_db_blocker, "olist-funnel", "olist_marketing_funnel")


@pytest.fixture(scope="session")
def retail(django_db_setup, django_db_blocker):
    return _import(django_db_blocker, "online-retail", "uci_online_retail")


@pytest.fixture(scope="session")
def cdnow_master(django_db_setup, django_db_blocker):
    return _import(django_db_blocker, "cdnow", "cdnow/CDNOW_master.txt")
