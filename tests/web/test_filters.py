"""A bad date in a hand-edited filter URL is left out, and said: never dropped silently."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import deal_make

BAD = "Enter a valid date."


def error_after(body: str, field: str) -> str:
    """The error text rendered right after the field's input, '' when there is none."""
    start = body.index(f'name="{field}"')
    tail = body[start : body.index(">", start) + 200]
    marker = f'<span class="error" id="id_{field}_error">'
    if marker not in tail:
        return ""
    return tail[tail.index(marker) + len(marker) : tail.index("</span>")]


@pytest.mark.parametrize("name", ["deal_list", "board"])
def test_a_bad_close_date_is_shown_beside_its_filter(owner_client, org, name):
    deal_make(org, title="Fleet", close_date=dt.date(2024, 5, 1))
    response = owner_client.get(
        reverse(name), {"close_from": "2024-13-40", "close_to": "2024-12-31"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert error_after(body, "close_from") == BAD
    assert 'aria-describedby="id_close_from_error"' in body
    assert error_after(body, "close_to") == ""
    # The bad bound is left out; the good one still filters.
    assert ">Fleet<" in body


def test_good_dates_show_no_error(owner_client, org):
    body = owner_client.get(reverse("deal_list"), {"close_from": "2024-02-29"}).content.decode()
    assert error_after(body, "close_from") == ""
    assert 'class="error"' not in body


def test_the_order_list_shows_a_bad_date_too(owner_client, org):
    body = owner_client.get(reverse("order_list"), {"date_to": "2024-02-30"}).content.decode()
    assert error_after(body, "date_to") == BAD


def test_the_dashboard_says_which_date_it_left_out(owner_client, org):
    body = owner_client.get(reverse("dashboard"), {"from": "2024-13-40"}).content.decode()
    assert '<p class="msg msg-error">From: Enter a valid date.</p>' in body
    body = owner_client.get(
        reverse("dashboard"), {"from": "2024-01-01", "to": "2024-02-30"}
    ).content.decode()
    assert '<p class="msg msg-error">To: Enter a valid date.</p>' in body
    assert "From: Enter" not in body
    assert "1 Jan 2024 – today" in body  # the good bound is kept
    # A named period overrides the dates, so a bad one there is not an error.
    body = owner_client.get(reverse("dashboard"), {"period": "month", "from": "x"}).content
    assert b"Enter a valid date" not in body
