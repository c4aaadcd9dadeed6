"""Reactions of sales to deal events. They run inside the deal's transaction
(`in_transaction=True`): a won deal and its order are written, or undone, together."""

from topline.core.events import subscribe
from topline.deals.models import Deal
from topline.sales.models import Order
from topline.sales.services import order_from_deal


def _deal(deal_id: int) -> Deal:
    return Deal._base_manager.select_related("organization", "company", "contact").get(pk=deal_id)


@subscribe("deal.won", in_transaction=True)
def create_order_for_won_deal(*, deal_id: int) -> None:
    order_from_deal(deal=_deal(deal_id))


@subscribe("deal.unwon", in_transaction=True)
def remove_order_of_unwon_deal(*, deal_id: int) -> None:
    """A deal moved out of Won (a mistake, or the sale fell through) is no revenue: the order
    made from it goes. Orders entered by hand are not linked to a deal and stay."""
    deal = _deal(deal_id)
    Order.objects.for_org(deal.organization_id).filter(deal=deal).delete()
