"""Each real data set is imported once per test session, into its own organization.

The import runs while the session fixture is set up, before any test opens its transaction,
so it is committed to the test database and every test of the session reads it. (Called from
inside a `db` test, it would be rolled back with that test.)
"""

import pytest

from tests.conftest import shared_data_dir
from topline.accounts.models import Organization
from topline.dataio.runner import import_run


def _import(django_db_blocker, preset: str, folder: str):
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
