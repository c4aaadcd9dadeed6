"""Orders are created, read and listed, never edited: an order is the record of a sale that
revenue is summed from. A correction is a new order with negative lines (a return)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.api.auth import org
from topline.api.errors import READ, WRITE, error_response, one_based_lines_to_index, rename_fields
from topline.api.idempotency import idempotent
from topline.api.inputs import money_amount, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.common import ErrorOut, Id
from topline.api.schemas.orders import OrderIn, OrderOut, OrderPage, OrderQuery
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal
from topline.sales.models import Order, Product
from topline.sales.selectors import order_list
from topline.sales.services import LineInput, order_create

router = Router(tags=["orders"])
REFS = {"company": row(Company), "contact": row(Contact), "deal": row(Deal)}


def _orders(request):
    return order_list(org=org(request)).prefetch_related("lines")


@router.get("", response={200: OrderPage, **READ})
def list_orders(request, query: Query[OrderQuery]):
    # One more query brings the lines of the whole page, not one per order.
    rows = order_list(org=org(request), **filters(query)).prefetch_related("lines")
    return paginate(request, rows, query)


@router.get("/{order_id}", response={200: OrderOut, **READ})
def get_order(request, order_id: Id):
    return get_object_or_404(_orders(request), pk=order_id)


def _lines(organization, lines: list[dict], currency: str) -> list[LineInput]:
    products = Product.objects.for_org(organization)
    result, errors = [], {}
    for index, line in enumerate(lines):
        field = f"lines[{index}]"
        product = None
        if line["product"] is not None:
            product = products.filter(pk=line["product"]).first()
            if product is None:
                errors[f"{field}.product"] = f"No record with id {line['product']} here."
        try:
            price = money_amount(line["unit_price"], f"{field}.unit_price", currency)
        except DjangoValidationError as exc:
            errors.update(exc.message_dict)
            continue
        result.append(
            LineInput(
                product=product,
                product_code=line["product_code"],
                product_name=line["product_name"],
                quantity=line["quantity"],
                unit_price=price,
                discount=line["discount"],
            )
        )
    if errors:
        raise DjangoValidationError(errors)
    return result


@router.post("", response={201: OrderOut, **WRITE})
@idempotent(OrderOut)
def create_order(request, payload: OrderIn):
    organization = org(request)
    fields = resolve(organization, payload.model_dump(), REFS)
    currency = (fields.pop("currency") or organization.currency).upper()
    fields["lines"] = _lines(organization, fields["lines"], currency)
    try:
        order = order_create(organization=organization, currency=currency, **fields)
    except DjangoValidationError as exc:
        raise rename_fields(exc, one_based_lines_to_index) from exc
    return _orders(request).get(pk=order.pk)


@router.patch("/{order_id}", response={405: ErrorOut, **READ})
def update_order(request, order_id: Id):
    """Not allowed: orders are the record of what was sold. Record a return or a
    cancellation as a new order with negative quantities."""
    get_object_or_404(Order.objects.for_org(org(request)), pk=order_id)
    response = error_response(
        405, (None, "Orders cannot be changed; record a return as a new order instead.")
    )
    response["Allow"] = "GET"
    return response
