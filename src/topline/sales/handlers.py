"""Reactions of sales to events of lower layers (run after the deal's transaction commits)."""

from topline.core.events import subscribe
from topline.deals.models import Deal
from topline.sales.services import order_from_deal


@subscribe("deal.won")
def create_order_for_won_deal(*, deal_id: int) -> None:
    deal = Deal._base_manager.select_related("organization", "company", "contact").get(pk=deal_id)
    order_from_deal(deal=deal)
