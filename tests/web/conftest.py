import datetime as dt

import pytest

from topline.accounts.models import User
from topline.sales.services import LineInput, order_create, product_create

# What htmx sends when the search box or a column header swaps a list's results.
HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "results"}
HTMX = {"HX-Request": "true"}


@pytest.fixture
def no_org_client(client, db):
    """Signed in, but a member of no organization."""
    user = User.objects.create_user(username="lonely", password="correct-horse-42")
    client.force_login(user)
    return client


def order_make(org, number, ordered_on, total, company=None, contact=None, lines=None):
    """An order of one line of `total` (or the given lines) through the sales service."""
    lines = lines or [LineInput(quantity=1, unit_price=total, product_name="Service")]
    return order_create(
        organization=org,
        number=number,
        ordered_on=ordered_on,
        lines=lines,
        company=company,
        contact=contact,
    )


def product_make(org, code="P-1", name="Widget", price="100"):
    return product_create(organization=org, code=code, name=name, price=price)


def in_order(response, *texts) -> list[str]:
    """The given texts in the order they appear on the page (each must appear)."""
    body = response.content.decode()
    positions = {text: body.index(text) for text in texts}
    return sorted(texts, key=positions.__getitem__)


DAY = dt.date(2024, 3, 1)
