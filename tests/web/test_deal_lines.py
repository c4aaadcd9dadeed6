"""Adding product lines to a deal from its page."""

from django.urls import reverse

from tests.factories import deal_make
from tests.web.conftest import HTMX, product_make
from topline.sales.models import DealLine


def test_a_line_is_added_and_the_amount_becomes_the_sum_of_lines(owner_client, org):
    deal = deal_make(org, amount="999")
    widget = product_make(org, code="W", name="Widget", price="250")
    gizmo = product_make(org, code="G", name="Gizmo", price="40")
    url = reverse("deal_line_add", args=[deal.pk])
    owner_client.post(url, {"product": widget.pk, "quantity": "2", "discount": "0"}, headers=HTMX)
    response = owner_client.post(
        url,
        {"product": gizmo.pk, "quantity": "5", "unit_price": "30", "discount": "0.1"},
        headers=HTMX,
    )
    body = response.content.decode()
    # 2 × 250 = 500; 5 × 30 × 0.9 = 135; the deal is now 635.
    assert "Widget" in body and "Gizmo" in body and "135.00 USD" in body
    assert '<span class="money" id="deal-amount" hx-swap-oob="true">635.00 USD</span>' in body
    deal.refresh_from_db()
    assert deal.amount_micros == 635_000_000
    assert DealLine.objects.for_org(org).filter(deal=deal).count() == 2


def test_a_bad_line_shows_its_error(owner_client, org):
    deal = deal_make(org)
    widget = product_make(org)
    url = reverse("deal_line_add", args=[deal.pk])
    body = owner_client.post(
        url, {"product": widget.pk, "quantity": "1", "discount": "2"}, headers=HTMX
    ).content.decode()
    assert "Ensure this value is less than or equal to 1" in body
    assert not DealLine.objects.for_org(org).exists()


def test_another_organizations_product_is_refused(owner_client, org, other_org):
    deal = deal_make(org)
    theirs = product_make(other_org)
    url = reverse("deal_line_add", args=[deal.pk])
    data = {"product": theirs.pk, "quantity": "1", "discount": "0"}
    assert "Select a valid choice" in owner_client.post(url, data, headers=HTMX).content.decode()
    assert not DealLine.objects.for_org(org).exists()


def test_an_outsider_cannot_add_a_line(client, org, other_org, outsider):
    deal = deal_make(org)
    theirs = product_make(other_org)
    client.force_login(outsider)
    url = reverse("deal_line_add", args=[deal.pk])
    data = {"product": theirs.pk, "quantity": "1", "discount": "0"}
    assert client.post(url, data, headers=HTMX).status_code == 404
    assert not DealLine.objects.for_org(org).exists()


def test_a_closed_deal_shows_its_lines_without_the_add_form(owner_client, org):
    won = deal_make(org, "Won", "100")
    body = owner_client.get(reverse("deal_detail", args=[won.pk])).content.decode()
    assert "Line items" in body and reverse("deal_line_add", args=[won.pk]) not in body
    open_deal = deal_make(org, "Qualified", "100")
    body = owner_client.get(reverse("deal_detail", args=[open_deal.pk])).content.decode()
    assert reverse("deal_line_add", args=[open_deal.pk]) in body


def test_a_bad_line_posted_without_javascript_says_why_on_the_deal_page(owner_client, org):
    deal = deal_make(org)
    widget = product_make(org)
    url = reverse("deal_line_add", args=[deal.pk])
    response = owner_client.post(
        url, {"product": widget.pk, "quantity": "-1", "discount": "0"}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("deal_detail", args=[deal.pk])
    assert "Line not added" in body and "must be more than 0" in body
    assert not DealLine.objects.for_org(org).exists()
