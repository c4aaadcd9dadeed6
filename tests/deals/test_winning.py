"""A won deal and its order are one write: both happen, or neither."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import deal_make
from topline.deals.models import Deal
from topline.deals.services import deal_create, deal_move_stage, deal_update, pipeline_default
from topline.sales.models import Order
from topline.sales.services import LineInput, deal_line_add, order_create, product_create


def stage(org, name):
    return pipeline_default(organization=org).stages.get(name=name)


def test_winning_makes_the_order_on_the_close_date(org):
    deal = deal_make(org, amount="250.50")
    deal_move_stage(deal=deal, stage=stage(org, "Won"), close_date=dt.date(2024, 4, 2))
    order = Order.objects.for_org(org).get(deal=deal)
    assert (order.number, order.ordered_on, order.total_micros) == (
        f"D-{deal.pk}",
        dt.date(2024, 4, 2),
        250_500_000,
    )


def test_a_hand_made_order_with_the_deals_number_does_not_stop_the_win(org):
    deal = deal_make(org, amount="77")
    order_create(
        organization=org, number=f"D-{deal.pk}", ordered_on=dt.date(2024, 1, 1),
        lines=[LineInput(1, "1")],
    )  # fmt: skip
    deal_move_stage(deal=deal, stage=stage(org, "Won"), close_date=dt.date(2024, 2, 1))
    order = Order.objects.for_org(org).get(deal=deal)
    assert order.number == f"D-{deal.pk}-2"
    assert order.total_micros == 77_000_000


def test_a_move_whose_order_fails_leaves_the_deal_where_it_was(org):
    deal = deal_make(org, amount="10")
    with pytest.raises(ValidationError) as error:
        deal_move_stage(deal=deal, stage=stage(org, "Won"), close_date=dt.date(1, 1, 1))
    assert "close_date" in error.value.message_dict
    deal.refresh_from_db()
    assert deal.stage.name == "Qualified"
    assert not Order.objects.for_org(org).filter(deal=deal).exists()


def test_leaving_won_removes_the_order_made_from_the_deal(org):
    deal = deal_make(org, amount="40")
    deal_move_stage(deal=deal, stage=stage(org, "Won"), close_date=dt.date(2024, 3, 1))
    deal_move_stage(deal=deal, stage=stage(org, "Lost"), close_date=dt.date(2024, 3, 9))
    assert not Order.objects.for_org(org).filter(deal=deal).exists()
    deal_move_stage(deal=deal, stage=stage(org, "Won"), close_date=dt.date(2024, 3, 20))
    (order,) = Order.objects.for_org(org).filter(deal=deal)
    assert order.ordered_on == dt.date(2024, 3, 20)


def test_a_deal_created_won_is_closed_today_and_has_its_order(org):
    deal = deal_create(organization=org, title="Born won", stage=stage(org, "Won"), amount="123")
    assert deal.close_date is not None
    assert Order.objects.for_org(org).get(deal=deal).ordered_on == deal.close_date


def test_it_refuses_a_deal_in_another_currency(org):
    with pytest.raises(ValidationError) as error:
        deal_create(organization=org, title="x", stage=stage(org, "Qualified"), currency="EUR")
    assert error.value.message_dict == {"currency": ["must be the organization's currency (USD)"]}
    assert not Deal.objects.for_org(org).exists()


def test_it_names_amount_for_too_large_amounts(org):
    with pytest.raises(ValidationError) as error:
        deal_make(org, amount="99999999999999.999999")
    assert list(error.value.message_dict) == ["amount"]
    assert "larger than the largest amount" in error.value.message_dict["amount"][0]


def test_a_deal_with_lines_keeps_its_amount_as_their_sum(org):
    deal = deal_make(org, amount="0")
    product = product_create(organization=org, code="P", name="Plan", price="19.99")
    deal_line_add(deal=deal, product=product, quantity=2)
    assert deal.amount_micros == 39_980_000
    with pytest.raises(ValidationError) as error:
        deal_update(deal=deal, amount="1000")
    assert list(error.value.message_dict) == ["amount"]
    with pytest.raises(ValidationError) as error:
        deal_line_add(deal=deal, product=product, quantity=-1)
    assert error.value.message_dict == {
        "quantity": ["must be more than 0 (returns belong on orders)"]
    }
