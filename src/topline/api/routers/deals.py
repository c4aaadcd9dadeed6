from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.api.auth import org
from topline.api.errors import READ, WRITE
from topline.api.idempotency import idempotent
from topline.api.inputs import member, money_amount, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.common import Id
from topline.api.schemas.deals import DealIn, DealMoveIn, DealOut, DealPage, DealPatch, DealQuery
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal, Stage
from topline.deals.selectors import deal_list
from topline.deals.services import deal_create, deal_move_stage, deal_update, pipeline_default

router = Router(tags=["deals"])
REFS = {"company": row(Company), "contact": row(Contact), "owner": member, "stage": row(Stage)}


def _deal(request, deal_id: int) -> Deal:
    return get_object_or_404(deal_list(org=org(request)), pk=deal_id)


@router.get("", response={200: DealPage, **READ})
def list_deals(request, query: Query[DealQuery]):
    rows = deal_list(org=org(request), **filters(query))
    return paginate(request, rows, query)


@router.get("/{deal_id}", response={200: DealOut, **READ})
def get_deal(request, deal_id: Id):
    return _deal(request, deal_id)


@router.post("", response={201: DealOut, **WRITE})
@idempotent(DealOut)
def create_deal(request, payload: DealIn):
    organization = org(request)
    fields = resolve(organization, payload.model_dump(exclude_unset=True), REFS)
    if fields.get("stage") is None:
        fields["stage"] = pipeline_default(organization=organization).stages.order_by("order")[0]
    money = fields.pop("amount", None)
    if money:
        fields["amount"] = money["amount"]
        fields["currency"] = money.get("currency") or ""
    return deal_create(organization=organization, by=request.auth.user, **fields)


@router.patch("/{deal_id}", response={200: DealOut, **WRITE})
@transaction.atomic
def update_deal(request, deal_id: Id, payload: DealPatch):
    deal = _deal(request, deal_id)
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    if "amount" in fields:
        fields["amount"] = money_amount(fields["amount"], "amount", deal.currency)
    return deal_update(deal=deal, **fields)


@router.post("/{deal_id}/move", response={200: DealOut, **WRITE})
@idempotent(DealOut, status=200)
def move_deal(request, deal_id: Id, payload: DealMoveIn):
    """Move the deal to another stage of its pipeline; the change is kept in its history.
    Winning it makes an order for its amount after the write commits."""
    deal = _deal(request, deal_id)
    fields = resolve(org(request), payload.model_dump(), {"stage": row(Stage)})
    return deal_move_stage(deal=deal, by=request.auth.user, **fields)
