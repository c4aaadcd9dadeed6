import datetime as dt

from ninja import Schema
from pydantic import Field

from topline.api.schemas.common import (
    Currency,
    Day,
    DecimalString,
    InSchema,
    Money,
    MoneyIn,
    Page,
    PageQuery,
    Ref,
    decimal_out,
    sort_keys,
)
from topline.sales.selectors import ORDER_SORTS

OrderSort = sort_keys(ORDER_SORTS)


class OrderLineOut(Schema):
    line_no: int
    product: int | None = Field(validation_alias="product_id")
    product_code: str
    product_name: str
    quantity: str
    unit_price: Money
    discount: str = Field(description="a fraction from 0 to 1")
    total: Money = Field(description="quantity × unit price × (1 − discount)")

    @staticmethod
    def resolve_quantity(line) -> str:
        return decimal_out(line.quantity)

    @staticmethod
    def resolve_discount(line) -> str:
        return decimal_out(line.discount)

    @staticmethod
    def resolve_unit_price(line) -> Money:
        return Money.of(line.unit_price_micros, line.order.currency)

    @staticmethod
    def resolve_total(line) -> Money:
        return Money.of(line.total_micros, line.order.currency)


class OrderOut(Schema):
    id: int
    number: str
    ordered_on: dt.date
    company: int | None = Field(validation_alias="company_id")
    contact: int | None = Field(validation_alias="contact_id")
    deal: int | None = Field(validation_alias="deal_id")
    total: Money
    source: str = Field(description="the customer's first-touch source when ordered")
    campaign: str
    lines: list[OrderLineOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_total(order) -> Money:
        return Money.of(order.total_micros, order.currency)


class OrderPage(Page[OrderOut]):
    pass


class OrderLineIn(InSchema):
    product: Ref | None = Field(None, description="product id; its code and name are copied")
    product_code: str = ""
    product_name: str = ""
    quantity: DecimalString = Field(description="negative for a return")
    unit_price: MoneyIn
    discount: DecimalString = Field("0", description="a fraction from 0 to 1")


class OrderIn(InSchema):
    number: str
    ordered_on: Day
    company: Ref | None = Field(None, description="company id (B2B customer)")
    contact: Ref | None = Field(None, description="contact id (B2C customer)")
    deal: Ref | None = Field(None, description="the deal this order closes")
    currency: Currency | None = Field(None, description="the organization's currency")
    lines: list[OrderLineIn] = Field(max_length=1000)


class OrderQuery(PageQuery):
    q: str = Field(
        "",
        description="whole number (as stored, upper or lower case), company name, contact name, "
        "e-mail or phone, contact external id",
    )
    sort: OrderSort = "-ordered_on"
    date_from: Day | None = Field(None, description="ordered on or after")
    date_to: Day | None = Field(None, description="ordered on or before")
