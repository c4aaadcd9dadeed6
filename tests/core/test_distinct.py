"""A filter's choices: the distinct values of one organization, sorted, by index seeks."""

from tests.factories import company_make, lead_make
from topline.contacts.selectors import company_countries
from topline.leads.selectors import lead_sources


def test_it_lists_each_value_once_in_order_and_only_the_organizations(org, other_org):
    for country in ("Sweden", "", "Germany", "Sweden", "Austria", "Germany"):
        company_make(org, country=country)
    company_make(other_org, country="France")
    assert company_countries(org=org) == ["Austria", "Germany", "Sweden"]
    assert company_countries(org=other_org) == ["France"]


def test_a_blank_value_is_a_choice_where_asked_for(org):
    for source in ("web", "", "ads", "web"):
        lead_make(org, source=source)
    assert lead_sources(org=org) == ["", "ads", "web"]


def test_no_rows_no_choices(org):
    assert company_countries(org=org) == []
    assert lead_sources(org=org) == []
