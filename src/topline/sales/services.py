"""Writes for products and orders. Every order line is validated here, one line at a time,
with errors named by line and field; the importers use the same build functions in bulk."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from topline.core.dates import check_business_dates
from topline.core.money import MAX_MICROS, MoneyError, line_total_micros, to_micros
from topline.deals.models import Deal
from topline.sales.models import DealLine, Order, OrderLine, Product


@dataclass
class LineInput:
    quantity: Decimal | int | str
    unit_price: Decimal | int | str
    product: Product | None = None
    product_code: str = ""
    product_name: str = ""
    discount: Decimal | int | str = 0


def product_create(
    *, organization, code: str, name: str, price=0, series: str = "", currency: str = ""
) -> Product:
    try:
        price_micros = to_micros(price)
    except MoneyError as exc:
        raise ValidationError({"price": str(exc)}) from exc
    product = Product(
        organization=organization,
        code=code,
        name=name,
        series=series,
        price_micros=price_micros,
        currency=(currency or organization.currency).upper(),
    )
    product.full_clean(exclude=["organization"], validate_constraints=False)
    product.save()
    return product


def _decimal(value, field: str, errors: dict) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[field] = f"{value!r} is not a number"
        return None
    if not number.is_finite():
        errors[field] = f"{value!r} is not a finite number"
        return None
    return number


# Lines are checked here, not by full_clean (imports build hundreds of thousands of them), so
# the column lengths are checked here too: SQLite would store a longer value, PostgreSQL fail.
NUMBER_LENGTH = Order._meta.get_field("number").max_length
CODE_LENGTH = OrderLine._meta.get_field("product_code").max_length


def order_line_build(*, organization, order: Order, line_no: int, line: LineInput) -> OrderLine:
    """A validated, unsaved order line. Errors are keyed by field."""
    errors: dict[str, str] = {}
    quantity = _decimal(line.quantity, "quantity", errors)
    discount = _decimal(line.discount, "discount", errors)
    unit_price_micros = None
    try:
        unit_price_micros = to_micros(Decimal(str(line.unit_price).strip()))
    except MoneyError as exc:  # a number, but too precise or too large: say which
        errors["unit_price"] = str(exc)
    except (InvalidOperation, ValueError):
        errors["unit_price"] = f"{line.unit_price!r} is not a number"
    if quantity is not None and (abs(quantity) >= 10**10 or quantity != round(quantity, 4)):
        errors["quantity"] = f"{line.quantity!r} must be under 10^10 with at most 4 decimals"
    if discount is not None and not (0 <= discount <= 1):
        errors["discount"] = f"{line.discount!r} must be a fraction from 0 to 1"
    elif discount is not None and discount != round(discount, 4):
        # The column keeps 4 decimals (12.34 %): the total must use the discount stored.
        errors["discount"] = f"{line.discount!r} has more than 4 decimals"
    if len(line.product_code) > CODE_LENGTH:
        errors["product_code"] = f"has {len(line.product_code)} characters, at most {CODE_LENGTH}"
    if line.product is not None and line.product.organization_id != organization.id:
        errors["product"] = "belongs to another organization"
    if errors:
        raise ValidationError(errors)
    try:
        total_micros = line_total_micros(quantity, unit_price_micros, discount)
    except MoneyError as exc:
        raise ValidationError({"quantity": str(exc)}) from exc
    product = line.product
    return OrderLine(
        organization=organization,
        order=order,
        line_no=line_no,
        product=product,
        product_code=line.product_code or (product.code if product else ""),
        product_name=(line.product_name or (product.name if product else ""))[:200],
        quantity=quantity,
        unit_price_micros=unit_price_micros,
        discount=discount,
        total_micros=total_micros,
    )


def order_build(
    *,
    organization,
    number: str,
    ordered_on: dt.date,
    lines: list[LineInput],
    company=None,
    contact=None,
    deal: Deal | None = None,
    currency: str = "",
) -> tuple[Order, list[OrderLine]]:
    """A validated, unsaved order and its lines. Errors name the line: `lines[3].quantity`."""
    currency = (currency or organization.currency).upper()
    errors: dict[str, str] = {}
    number = str(number).strip()
    if not number:
        errors["number"] = "is required"
    elif len(number) > NUMBER_LENGTH:
        errors["number"] = f"has {len(number)} characters, at most {NUMBER_LENGTH}"
    if not isinstance(ordered_on, dt.date):
        errors["ordered_on"] = "must be a date"
    else:
        try:
            check_business_dates(ordered_on=ordered_on)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if currency != organization.currency:
        # One currency per organization until exchange rates exist: revenue stays exact.
        errors["currency"] = f"must be the organization's currency ({organization.currency})"
    if not lines:
        errors["lines"] = "an order needs at least one line"
    for field, obj in (("company", company), ("contact", contact), ("deal", deal)):
        if obj is not None and obj.organization_id != organization.id:
            errors[field] = "belongs to another organization"
    customer = company or contact
    order = Order(
        organization=organization,
        number=number,
        ordered_on=ordered_on,
        company=company,
        contact=contact,
        deal=deal,
        currency=currency,
        source=customer.source if customer else "",
        campaign=customer.campaign if customer else "",
    )
    built = []
    for index, line in enumerate(lines, start=1):
        try:
            built.append(
                order_line_build(organization=organization, order=order, line_no=index, line=line)
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"lines[{index}].{field}"] = "; ".join(messages)
    total = sum(line.total_micros for line in built)
    if abs(total) > MAX_MICROS:
        errors["lines"] = "the order total is larger than the largest amount, 1,000,000,000,000"
    if errors:
        raise ValidationError(errors)
    order.total_micros = total
    order.line_count = len(built)
    return order, built


@transaction.atomic
def order_create(**fields) -> Order:
    order, lines = order_build(**fields)
    if Order.objects.for_org(order.organization_id).filter(number=order.number).exists():
        raise ValidationError({"number": f"order {order.number} already exists"})
    order.save()
    for line in lines:
        line.order = order
    OrderLine.objects.bulk_create(lines)
    return order


def orders_save_bulk(built: list[tuple[Order, list[OrderLine]]], batch_size: int = 2000) -> int:
    """Insert many already-validated orders and their lines (importers). Returns lines written."""
    orders = [order for order, _ in built]
    Order.objects.bulk_create(orders, batch_size=batch_size)
    lines = []
    for order, order_lines in built:
        for line in order_lines:
            line.order = order
            lines.append(line)
    OrderLine.objects.bulk_create(lines, batch_size=batch_size)
    return len(lines)


def deal_line_add(*, deal: Deal, product: Product, quantity=1, unit_price=None, discount=0):
    """Add a product line to a deal; the deal's amount becomes the sum of its lines."""
    errors: dict[str, str] = {}
    count = _decimal(quantity, "quantity", errors)
    if count is not None and count <= 0:
        raise ValidationError({"quantity": "must be more than 0 (returns belong on orders)"})
    order_probe = Order(organization=deal.organization, number="-", ordered_on=dt.date.today())
    price = unit_price if unit_price is not None else Decimal(product.price_micros) / 10**6
    line = order_line_build(
        organization=deal.organization,
        order=order_probe,
        line_no=1,
        line=LineInput(quantity=quantity, unit_price=price, product=product, discount=discount),
    )
    with transaction.atomic():
        deal_line = DealLine.objects.create(
            organization_id=deal.organization_id,
            deal=deal,
            product=product,
            quantity=line.quantity,
            unit_price_micros=line.unit_price_micros,
            discount=line.discount,
            total_micros=line.total_micros,
        )
        total = deal.lines.aggregate(t=Sum("total_micros"))["t"] or 0
        Deal.objects.for_org(deal.organization_id).filter(pk=deal.pk).update(amount_micros=total)
        deal.amount_micros = total
    return deal_line


def _free_order_number(org_id: int, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… when someone already used that number by hand."""
    taken = set(
        Order.objects.for_org(org_id)
        .filter(number__startswith=wanted)
        .values_list("number", flat=True)
    )
    number, n = wanted, 1
    while number in taken:
        n += 1
        number = f"{wanted}-{n}"
    return number


def order_from_deal(*, deal: Deal) -> Order | None:
    """A won deal with no order becomes an order on its close date (design §5), made of the
    deal's product lines, or one line for its amount. A deal with no value makes no order."""
    if Order.objects.for_org(deal.organization_id).filter(deal=deal).exists():
        return None
    deal_lines = list(deal.lines.select_related("product"))
    if deal_lines:
        lines = [
            LineInput(
                product=dl.product,
                quantity=dl.quantity,
                unit_price=Decimal(dl.unit_price_micros) / 10**6,
                discount=dl.discount,
            )
            for dl in deal_lines
        ]
    elif deal.amount_micros > 0:
        lines = [
            LineInput(
                quantity=1,
                unit_price=Decimal(deal.amount_micros) / 10**6,
                product_name=deal.title,
            )
        ]
    else:
        return None
    return order_create(
        organization=deal.organization,
        number=_free_order_number(deal.organization_id, f"D-{deal.pk}"),
        ordered_on=deal.close_date,
        lines=lines,
        company=deal.company,
        contact=deal.contact if deal.company is None else None,
        deal=deal,
        currency=deal.currency,
    )
