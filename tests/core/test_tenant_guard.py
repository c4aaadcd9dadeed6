import pytest

from tests.factories import deal_make
from topline.core.models import UnscopedQueryError
from topline.deals.models import Deal


def test_it_refuses_a_query_without_an_organization(org):
    deal_make(org)
    with pytest.raises(UnscopedQueryError):
        list(Deal.objects.all())
    with pytest.raises(UnscopedQueryError):
        Deal.objects.count()
    with pytest.raises(UnscopedQueryError):
        Deal.objects.filter(title__startswith="D").exists()


def test_it_returns_only_the_organizations_rows(org, other_org):
    mine = deal_make(org)
    deal_make(other_org)
    assert list(Deal.objects.for_org(org)) == [mine]
    assert Deal.objects.for_org(org).filter(pk__gt=0).count() == 1
