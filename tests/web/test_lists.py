"""The five lists: tenancy, search, filters, sort, paging, htmx fragments and query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import company_make, contact_make, deal_make, lead_make, user_make
from tests.web.conftest import DAY, HTMX_RESULTS, in_order, order_make

LISTS = ["lead_list", "contact_list", "company_list", "deal_list", "order_list"]


def org_rows(org, prefix: str) -> None:
    """One row of each kind whose name starts with `prefix`."""
    company = company_make(org, name=f"{prefix} Company")
    contact_make(org, first_name=prefix, last_name="Person", company=company)
    lead_make(org, first_name=prefix, last_name="Lead")
    deal_make(org, title=f"{prefix} Deal", company=company)
    order_make(org, f"{prefix}-1", DAY, "10", company=company)


@pytest.mark.parametrize("name", LISTS)
def test_it_lists_the_organizations_rows(owner_client, org, other_org, name):
    org_rows(org, "Mine")
    org_rows(other_org, "Theirs")
    response = owner_client.get(reverse(name))
    assert response.status_code == 200
    assert "Mine" in response.content.decode()
    assert "Theirs" not in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_it_hides_the_organizations_rows_from_an_outsider(outsider_client, org, name):
    org_rows(org, "Mine")
    response = outsider_client.get(reverse(name))
    assert response.status_code == 200
    assert "Mine" not in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_it_asks_an_anonymous_visitor_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", LISTS)
def test_it_shows_nothing_to_a_user_without_an_organization(no_org_client, name):
    assert no_org_client.get(reverse(name)).status_code == 404


def test_it_searches_and_filters_leads(owner_client, org):
    lead_make(org, first_name="Ada", last_name="King", source="web", status="new")
    lead_make(org, first_name="Adam", last_name="Ant", source="ads", status="working")
    lead_make(org, first_name="Bea", last_name="Adams", source="web", status="working")
    lead_make(org, first_name="Carl", last_name="Cole", source="", status="new")
    url = reverse("lead_list")

    def names(**params):
        body = owner_client.get(url, params).content.decode()
        return {n for n in ("Ada King", "Adam Ant", "Bea Adams", "Carl Cole") if n in body}

    assert names(q="ada") == {"Ada King", "Adam Ant", "Bea Adams"}  # first or last name
    assert names(source="web") == {"Ada King", "Bea Adams"}
    assert names(source="(none)") == {"Carl Cole"}
    assert names(status="working") == {"Adam Ant", "Bea Adams"}
    assert names(q="ada", source="web", status="working") == {"Bea Adams"}
    assert names(status="bogus") == {"Ada King", "Adam Ant", "Bea Adams", "Carl Cole"}


def test_it_sorts_leads_by_a_whitelisted_key_only(owner_client, org):
    lead_make(org, first_name="Low", score=10, captured_on=dt.date(2024, 1, 3))
    lead_make(org, first_name="High", score=70, captured_on=dt.date(2024, 1, 1))
    lead_make(org, first_name="Mid", score=40, captured_on=dt.date(2024, 1, 2))
    url = reverse("lead_list")
    names = ("Low", "High", "Mid")
    assert in_order(owner_client.get(url), *names) == ["Low", "Mid", "High"]  # newest first
    assert in_order(owner_client.get(url, {"sort": "score"}), *names) == ["Low", "Mid", "High"]
    assert in_order(owner_client.get(url, {"sort": "-score"}), *names) == ["High", "Mid", "Low"]
    assert in_order(owner_client.get(url, {"sort": "captured_on"}), *names) == [
        "High",
        "Mid",
        "Low",
    ]
    # Not a sort key (no index behind it): the default order, not an error.
    refused = owner_client.get(url, {"sort": "email"})
    assert refused.status_code == 200
    assert in_order(refused, *names) == ["Low", "Mid", "High"]


def test_the_column_header_reverses_the_current_sort(owner_client, org):
    body = owner_client.get(reverse("lead_list"), {"sort": "score"}).content.decode()
    assert 'href="?sort=-score"' in body  # clicking "Score" again sorts descending
    assert 'aria-sort="ascending"' in body


def test_it_pages_without_counting(owner_client, org, settings):
    settings.TOPLINE_PAGE_SIZE = 2
    for day, name in enumerate(["Dora", "Cleo", "Bert", "Anna", "Zoe"], start=1):
        lead_make(org, first_name=name, captured_on=dt.date(2024, 1, day))
    url = reverse("lead_list")
    # Newest first: Zoe (5th), Anna (4th) | Bert, Cleo | Dora.
    first = owner_client.get(url).content.decode()
    assert "Zoe" in first and "Anna" in first and "Bert" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = owner_client.get(url, {"page": 2}).content.decode()
    assert "Bert" in second and "Cleo" in second and "Anna" not in second
    assert 'rel="next"' in second and 'rel="prev"' in second
    assert "« First" not in second  # Previous is the first page already
    third = owner_client.get(url, {"page": 3}).content.decode()
    assert "Dora" in third and 'rel="next"' not in third
    assert '<a class="btn" href="?" hx-get="?"' in third and "« First" in third
    assert "Zoe" in owner_client.get(url, {"page": "x"}).content.decode()  # bad page: page 1


def test_the_search_box_gets_only_the_results_from_htmx(owner_client, org):
    lead_make(org, first_name="Ada")
    lead_make(org, first_name="Bob")
    response = owner_client.get(reverse("lead_list"), {"q": "ada"}, headers=HTMX_RESULTS)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body and 'id="filters"' not in body
    assert "Ada" in body and "Bob" not in body
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(owner_client, org):
    headers = {**HTMX_RESULTS, "HX-History-Restore-Request": "true"}
    body = owner_client.get(reverse("lead_list"), headers=headers).content.decode()
    assert "<html" in body


def test_it_filters_contacts_by_source_and_searches_e_mail(owner_client, org):
    contact_make(org, first_name="Ann", last_name="Zed", email="ann@zed.example", source="web")
    contact_make(org, first_name="Bo", last_name="Young", email="bo@y.example", source="ads")
    contact_make(org, first_name="Cy", last_name="Abel", email="cy@zed.example", source="web")
    url = reverse("contact_list")
    names = ("Ann Zed", "Bo Young", "Cy Abel")
    web = owner_client.get(url, {"source": "web"})
    assert "Bo Young" not in web.content.decode()
    assert in_order(web, "Ann Zed", "Cy Abel") == ["Cy Abel", "Ann Zed"]  # by last name
    assert "Bo Young" not in owner_client.get(url, {"q": "zed.example"}).content.decode()
    by_email = owner_client.get(url, {"sort": "-email"})
    assert in_order(by_email, *names) == ["Cy Abel", "Bo Young", "Ann Zed"]


def test_it_filters_companies_by_country(owner_client, org):
    company_make(org, name="Berlin Gears", country="Germany")
    company_make(org, name="Paris Bolts", country="France")
    company_make(org, name="Munich Nuts", country="Germany")
    response = owner_client.get(reverse("company_list"), {"country": "Germany", "sort": "-name"})
    assert "Paris Bolts" not in response.content.decode()
    assert in_order(response, "Berlin Gears", "Munich Nuts") == ["Munich Nuts", "Berlin Gears"]
    page = owner_client.get(reverse("company_list")).content.decode()
    assert "<option selected>Germany</option>" not in page
    assert "<option>France</option>" in page and "<option>Germany</option>" in page


def test_it_filters_deals_by_stage_owner_and_close_date(owner_client, org, owner):
    rep = user_make(org)
    deal_make(org, "Qualified", "500", title="Small", owner=owner, close_date=dt.date(2024, 5, 1))
    deal_make(org, "Qualified", "9000", title="Big", owner=rep, close_date=dt.date(2024, 6, 1))
    proposal = deal_make(org, "Proposal", "3000", title="Middle", owner=rep)
    url = reverse("deal_list")

    def titles(**params):
        body = owner_client.get(url, params).content.decode()
        return {t for t in ("Small", "Big", "Middle") if f">{t}</a>" in body}

    assert titles(stage=proposal.stage_id) == {"Middle"}
    assert titles(owner=rep.pk) == {"Big", "Middle"}
    assert titles(close_from="2024-05-15") == {"Big"}
    assert titles(close_to="2024-05-15") == {"Small"}
    by_amount = owner_client.get(url, {"sort": "-amount"})
    assert in_order(by_amount, ">Small<", ">Big<", ">Middle<") == [">Big<", ">Middle<", ">Small<"]


def test_it_filters_orders_by_date_range_and_sorts_by_total(owner_client, org):
    company = company_make(org, name="Buyer")
    order_make(org, "A-1", dt.date(2024, 1, 10), "300", company=company)
    order_make(org, "A-2", dt.date(2024, 2, 10), "100", company=company)
    order_make(org, "A-3", dt.date(2024, 3, 10), "200", company=company)
    url = reverse("order_list")
    february = owner_client.get(url, {"date_from": "2024-02-01", "date_to": "2024-02-29"})
    body = february.content.decode()
    assert "A-2" in body and "A-1" not in body and "A-3" not in body
    assert "100.00 USD" in body
    assert in_order(owner_client.get(url), "A-1", "A-2", "A-3") == ["A-3", "A-2", "A-1"]
    by_total = owner_client.get(url, {"sort": "-total"})
    assert in_order(by_total, "A-1", "A-2", "A-3") == ["A-1", "A-3", "A-2"]


def many_rows(org, owner, n: int) -> None:
    """n rows of each kind, each with the related rows its list shows (company, owner)."""
    for i in range(n):
        company = company_make(org, name=f"Co {i}", country="Germany", owner=owner)
        contact = contact_make(org, company=company, owner=owner, source="web")
        lead_make(org, owner=owner)
        deal_make(org, company=company, contact=contact, owner=owner)
        order_make(org, f"N-{i}", DAY, "10", company=company if i % 2 else None, contact=contact)


# Session, user and membership (3), the page of rows (1) and the filter choices (0-2).
LIST_QUERIES = {
    "lead_list": 5,  # + distinct sources
    "contact_list": 5,  # + distinct sources
    "company_list": 5,  # + distinct countries
    "deal_list": 6,  # + stages, owners
    "order_list": 4,
}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_few_queries_for_many_rows(
    owner_client, org, owner, name, django_assert_max_num_queries
):
    many_rows(org, owner, 12)
    with django_assert_max_num_queries(LIST_QUERIES[name]):
        response = owner_client.get(reverse(name))
    assert response.content.decode().count("<tr>") == 13  # header + 12 rows


@pytest.mark.parametrize("name", LISTS)
def test_a_search_keystroke_costs_one_query_beyond_the_session(
    owner_client, org, owner, name, django_assert_max_num_queries
):
    many_rows(org, owner, 3)
    with django_assert_max_num_queries(4):
        owner_client.get(reverse(name), {"q": "a"}, headers=HTMX_RESULTS)


ROW_TEXT = {
    "lead_list": "{} Lead",
    "contact_list": "{} Person",
    "company_list": "{} Company",
    "deal_list": "{} Deal",
    "order_list": "{}-1",
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "term, shown",
    [("z" * 300, None), ("Mine\x00", "Mine"), ("Mine" + " " * 600 + "zzz", "Mine")],
)
def test_a_long_or_odd_search_still_filters_the_list(owner_client, org, name, term, shown):
    """A term the form cannot take whole must narrow the list, never leave it unfiltered:
    a NUL is dropped, and past 500 characters the term is cut ("zzz" above)."""
    org_rows(org, "Mine")
    org_rows(org, "Other")
    body = owner_client.get(reverse(name), {"q": term}).content.decode()
    assert ROW_TEXT[name].format("Other") not in body
    if shown:
        assert ROW_TEXT[name].format(shown) in body
    else:
        assert ROW_TEXT[name].format("Mine") not in body
        assert "match." in body
