"""List search through the selectors: a case-insensitive substring of the same fields as a plain
icontains, on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), whichever way it is answered.

On SQLite a term of 3+ characters is looked up in the FTS table when it matches fewer than
search.SELECTIVE rows, and walks the sort index with LIKE otherwise; `way` runs each test
both ways, so the two must agree."""

import datetime as dt

import pytest
from django.db import connection

from tests.factories import company_make, contact_make, deal_make, lead_make
from topline.contacts.selectors import company_list, contact_list
from topline.contacts.services import company_update, contact_update
from topline.core import search
from topline.deals.selectors import deal_list
from topline.leads.selectors import lead_list
from topline.leads.services import lead_update
from topline.sales.selectors import order_list
from topline.sales.services import LineInput, order_create


@pytest.fixture(params=["index", "walk"], autouse=True)
def way(request, monkeypatch):
    if request.param == "walk":
        monkeypatch.setattr(search, "SELECTIVE", 0)  # no count is below 0: always the walk
    return request.param


def order_make(org, number="SO-1", **fields):
    return order_create(
        organization=org,
        number=number,
        ordered_on=dt.date(2024, 5, 1),
        lines=[LineInput(quantity=1, unit_price="10", product_name="Service")],
        **fields,
    )


def found(rows) -> set:
    return {row.pk for row in rows}


@pytest.mark.parametrize(
    "selector, make, field",
    [
        (company_list, company_make, "name"),
        (company_list, company_make, "domain"),
        (contact_list, contact_make, "first_name"),
        (contact_list, contact_make, "last_name"),
        (contact_list, contact_make, "email"),
        (contact_list, contact_make, "phone"),
        (lead_list, lead_make, "first_name"),
        (lead_list, lead_make, "last_name"),
        (lead_list, lead_make, "email"),
        (lead_list, lead_make, "company_name"),
        (lead_list, lead_make, "phone"),
        (deal_list, deal_make, "title"),
    ],
)
def test_it_finds_a_term_inside_each_searched_field(org, selector, make, field):
    value = {"email": "zanzibar@quokka.example", "domain": "zanzibar.quokka.example"}.get(
        field, "Mr Zanzibar Jr"
    )
    row = make(org, **{field: value})
    make(org, **({"name": "Plain"} if selector is company_list else {}))
    assert found(selector(org=org, search="zanzib")) == {row.pk}
    assert found(selector(org=org, search="nzibar")) == {row.pk}  # not only at a word start


def test_it_does_not_search_other_fields(org):
    company_make(org, name="Plain", industry="Zanzibar trading", country="Zanzibar")
    contact_make(org, title="Zanzibar consul", country="Zanzibar")
    lead_make(org, campaign="Zanzibar", source="zanzibar")
    for selector in (company_list, contact_list, lead_list, deal_list, order_list):
        assert not selector(org=org, search="zanzibar").exists()


def test_deals_and_orders_are_found_by_their_company_name(org):
    globex = company_make(org, name="Globex Zanzibar")
    deal = deal_make(org, title="Renewal", company=globex)
    deal_make(org, title="Other", company=company_make(org, name="Initech"))
    order = order_make(org, company=globex)
    order_make(org, number="SO-2")
    assert found(deal_list(org=org, search="zanzib")) == {deal.pk}
    assert found(order_list(org=org, search="zanzib")) == {order.pk}


def test_an_external_id_or_order_number_is_found_only_whole(org):
    contact = contact_make(org, external_id="CRM-1042")
    lead = lead_make(org, external_id="CRM-1042")
    order = order_make(org, number="SO-77", contact=contact)
    assert found(contact_list(org=org, search="CRM-1042")) == {contact.pk}
    assert found(lead_list(org=org, search="CRM-1042")) == {lead.pk}
    assert found(order_list(org=org, search="CRM-1042")) == {order.pk}
    assert found(order_list(org=org, search="SO-77")) == {order.pk}
    for selector in (contact_list, lead_list, order_list):
        assert not selector(org=org, search="CRM-104").exists()


@pytest.mark.parametrize("term", ["ZANZIBAR", "zanzibar", "zAnZiBaR", "ZAN", "za", "Z"])
def test_it_ignores_case(org, term):
    contact = contact_make(org, last_name="Zanzibar")
    contact_make(org, last_name="Other")
    assert found(contact_list(org=org, search=term)) == {contact.pk}


def test_one_and_two_character_terms_match_as_substrings(org):
    qx = lead_make(org, first_name="Aqxa", last_name="Bee")
    q = lead_make(org, first_name="Cq", last_name="Dee")
    lead_make(org, first_name="Eee", last_name="Fff")
    assert found(lead_list(org=org, search="qx")) == {qx.pk}
    assert found(lead_list(org=org, search="Q")) == {qx.pk, q.pk}


SPECIAL = ["50% off", "snake_case", "O'Neil", 'say "hi"', "back\\slash", "5 0 x"]


@pytest.mark.parametrize(
    "term, expected",
    [
        ("%", {"50% off"}),
        ("0%", {"50% off"}),
        ("0% o", {"50% off"}),
        ("_", {"snake_case"}),
        ("e_c", {"snake_case"}),
        ("'", {"O'Neil"}),
        ("o'n", {"O'Neil"}),
        ('"', {'say "hi"'}),
        ('"hi"', {'say "hi"'}),
        ("\\", {"back\\slash"}),
        ("k\\s", {"back\\slash"}),
        ("%%", set()),
        ("5%0", set()),  # % is not a wildcard
        ("e_", {"snake_case"}),
        ("k_s", set()),  # _ is not a wildcard either
        ("\\\\", set()),
    ],
)
def test_special_characters_match_literally(org, term, expected):
    for value in SPECIAL:
        lead_make(org, company_name=value)
    assert {lead.company_name for lead in lead_list(org=org, search=term)} == expected


@pytest.mark.parametrize(
    "term", ["a OR b", "NEAR(ab cd)", "abc*", "^abc", "-abc", "first_name: abc", "{email}: x", "()"]
)
def test_a_term_is_never_read_as_query_syntax(org, term):
    lead = lead_make(org, company_name=f"x {term} y")
    lead_make(org, company_name="abc abcd ab cd")
    assert found(lead_list(org=org, search=term)) == {lead.pk}


def test_an_edit_is_found_under_its_new_value_only(org):
    contact = contact_make(org, first_name="Ada", last_name="Quokkafield")
    contact_update(contact=contact, last_name="Wombatson")
    assert not contact_list(org=org, search="quokka").exists()
    assert found(contact_list(org=org, search="wombat")) == {contact.pk}
    contact_update(contact=contact, title="CEO")  # a field that is not searched
    assert found(contact_list(org=org, search="wombat")) == {contact.pk}

    lead = lead_make(org, company_name="Quokka Ltd")
    lead_update(lead=lead, company_name="Wombat Ltd", status="working")
    assert not lead_list(org=org, search="quokka").exists()
    assert found(lead_list(org=org, search="wombat")) == {lead.pk}

    company = company_make(org, name="Quokka Inc", domain="quokka.example")
    company_update(company=company, domain="wombat.example")
    assert found(company_list(org=org, search="quokka")) == {company.pk}  # the name still
    assert found(company_list(org=org, search="wombat.ex")) == {company.pk}


def test_a_bulk_update_is_found_too(org):
    lead = lead_make(org, company_name="Quokka Ltd")
    lead_list(org=org).filter(pk=lead.pk).update(company_name="Wombat Ltd")
    assert not lead_list(org=org, search="quokka").exists()
    assert found(lead_list(org=org, search="wombat")) == {lead.pk}


def test_a_deleted_row_is_gone_from_the_index(org):
    keep = contact_make(org, last_name="Quokkafield")
    gone = contact_make(org, last_name="Quokkaby")
    gone.delete()
    assert found(contact_list(org=org, search="quokka")) == {keep.pk}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM contacts_contact_search WHERE contacts_contact_search MATCH %s",
                ['"quokka"'],
            )
            assert [row[0] for row in cursor.fetchall()] == [keep.pk]


def test_it_never_returns_another_organizations_rows(org, other_org):
    mine = {
        "company": company_make(org, name="Zanzibar Mine"),
        "contact": contact_make(org, last_name="Zanzibar", external_id="Z-1"),
        "lead": lead_make(org, last_name="Zanzibar", external_id="Z-1"),
    }
    theirs = company_make(other_org, name="Zanzibar Theirs")
    contact_make(other_org, last_name="Zanzibar", external_id="Z-1")
    lead_make(other_org, last_name="Zanzibar", external_id="Z-1")
    deal_make(other_org, title="Zanzibar", company=theirs)
    order_make(other_org, number="Z-1", company=theirs)
    for term in ("zanzibar", "za", "Z-1"):
        assert found(company_list(org=org, search=term)) <= {mine["company"].pk}
        assert found(contact_list(org=org, search=term)) == {mine["contact"].pk}
        assert found(lead_list(org=org, search=term)) == {mine["lead"].pk}
        assert not deal_list(org=org, search=term).exists()
        assert not order_list(org=org, search=term).exists()


def test_search_combines_with_filters_and_sort(org):
    web = contact_make(org, first_name="Bo", last_name="Zanzibar", source="web")
    contact_make(org, first_name="Al", last_name="Zanzibar", source="ads")
    first = contact_make(org, first_name="Al", last_name="Zanzibara", source="web")
    rows = list(contact_list(org=org, search="zanzib", source="web", sort="-name"))
    assert [row.pk for row in rows] == [first.pk, web.pk]


@pytest.mark.parametrize("term", ["ada king", "King Ada", "  ada   KING ", "ada kin"])
def test_every_word_is_found_in_some_field(org, term):
    """A full name spans two columns; each word may sit in any searched field."""
    ada = contact_make(org, first_name="Ada", last_name="King", email="ak@northwind.example")
    contact_make(org, first_name="Ada", last_name="Queen")
    contact_make(org, first_name="Bob", last_name="King")
    lead = lead_make(org, first_name="Ada", last_name="King")
    lead_make(org, first_name="Ada", last_name="Lovelace", company_name="Kingfisher")  # both
    order = order_make(org, contact=ada)
    order_make(org, number="SO-2", contact=contact_make(org, first_name="Ada", last_name="Ng"))

    assert found(contact_list(org=org, search=term)) == {ada.pk}
    assert {row.last_name for row in lead_list(org=org, search=term)} == {"King", "Lovelace"}
    assert lead.pk in found(lead_list(org=org, search=term))
    assert found(order_list(org=org, search=term)) == {order.pk}


def test_a_phone_number_is_found_by_its_digits_as_written(org):
    ada = contact_make(org, first_name="Ada", phone="+44 20 7946 0999")
    contact_make(org, first_name="Bob", phone="+44 20 7946 0111")
    lead = lead_make(org, phone="+1 555 0100")
    assert found(contact_list(org=org, search="+44 20 7946 0999")) == {ada.pk}
    assert found(contact_list(org=org, search="7946 0999")) == {ada.pk}
    assert found(lead_list(org=org, search="555 0100")) == {lead.pk}


def test_all_words_must_match(org):
    contact_make(org, first_name="Ada", last_name="King")
    for term in ("ada queen", "ada king zed", "northwind king"):
        assert not contact_list(org=org, search=term).exists()


def test_a_deal_is_found_by_its_title_words_or_its_company_name(org):
    acme = company_make(org, name="Acme Rockets")
    renewal = deal_make(org, title="Fleet renewal 2025", company=acme)
    deal_make(org, title="Fleet upgrade", company=company_make(org, name="Initech"))
    assert found(deal_list(org=org, search="fleet renewal")) == {renewal.pk}
    assert found(deal_list(org=org, search="acme rockets")) == {renewal.pk}


def test_an_order_number_is_found_in_any_case(org):
    order = order_make(org, number="SO-10911")
    order_make(org, number="SO-10912")
    lower = order_make(org, number="web-77")
    assert found(order_list(org=org, search="so-10911")) == {order.pk}
    assert found(order_list(org=org, search=" WEB-77 ")) == {lower.pk}
    assert not order_list(org=org, search="10911").exists()  # whole numbers only


def test_a_term_of_many_words_is_answered(org):
    """Each word is a condition: a long term must not hit the database's expression limits."""
    contact = contact_make(org, first_name="Ada", last_name="King")
    many_short = " ".join(["a"] * 400)  # 799 characters, cut to 500: 250 words
    many_long = " ".join(["king"] * 90)  # 449 characters
    assert found(contact_list(org=org, search=many_short)) == {contact.pk}
    assert found(contact_list(org=org, search=many_long)) == {contact.pk}
    assert not contact_list(org=org, search=many_long + " queen").exists()
    # Past 500 characters the term is cut: a word there no longer narrows the search.
    assert found(contact_list(org=org, search=many_long + " " * 60 + "queen")) == {contact.pk}


def test_a_short_word_beside_a_long_one_narrows_the_match(org):
    al = contact_make(org, first_name="Al", last_name="Zanzibar", email="al@z.example")
    contact_make(org, first_name="Bo", last_name="Zanzibar", email="bo@z.example")
    contact_make(org, first_name="Al", last_name="Other", email="al@o.example")
    assert found(contact_list(org=org, search="al zanzibar")) == {al.pk}
    assert found(contact_list(org=org, search="zanzibar AL")) == {al.pk}
    assert not contact_list(org=org, search="cy zanzibar").exists()


def test_letters_beyond_ascii_match_in_any_case_either_way(org):
    """Both plans read the index, so the rows found never depend on which plan (nor on how
    many rows other organizations have). Words of three letters and more."""
    place = contact_make(org, first_name="ÆRØSKØBING", last_name="Tester")
    contact_make(org, first_name="Aeroskobing", last_name="Other")
    for term in ("ærøskøbing", "ÆRØSKØBING", "ærø tester", "KØBING"):
        assert found(contact_list(org=org, search=term)) == {place.pk}


def test_a_nul_in_the_term_is_dropped(org):
    contact = contact_make(org, last_name="Zanzibar")
    assert found(contact_list(org=org, search="zanz\x00ibar")) == {contact.pk}
    acme = company_make(org, name="Acme")
    # Nothing is left to search by: the term filters nothing, as an empty search box.
    assert found(company_list(org=org, search="\x00")) == {acme.pk}


def test_a_contact_is_found_by_its_companys_name(org):
    beacon = company_make(org, name="Beacon Foods & Co")
    dev = contact_make(
        org, first_name="Dev", last_name="Adams", email="dev@mail.example", company=beacon
    )
    contact_make(org, first_name="Ann", last_name="Other", company=company_make(org, name="Acorn"))
    assert found(contact_list(org=org, search="Beacon Foods & Co")) == {dev.pk}
    assert found(contact_list(org=org, search="beacon")) == {dev.pk}
