"""Deep pages read ids first, then rows: the same rows, in the same order, as a plain slice."""

from tests.factories import company_make, contact_make
from topline.contacts.selectors import contact_list
from topline.core import pagination


def test_a_deep_page_holds_the_rows_of_the_plain_slice_in_order(org, monkeypatch):
    acme = company_make(org, name="Acme")
    for n in range(11):
        # Repeated names: the order falls back to the id, which both reads must respect.
        contact_make(org, first_name=f"P{n % 3}", last_name=f"L{n % 4}", company=acme)
    rows = contact_list(org=org, sort="-name")
    expected = list(rows)
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 3)  # page 2 on reads ids first
    pages = [pagination.paginate(rows, number, 3) for number in range(1, 6)]
    assert [row.pk for page in pages for row in page.rows] == [row.pk for row in expected]
    assert [page.has_next for page in pages] == [True, True, True, False, False]
    assert pages[2].rows[0].company.name == "Acme"  # select_related kept
