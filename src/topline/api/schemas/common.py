"""Shapes every resource shares: money, exact decimals, errors and pages."""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Generic, Literal, TypeVar

from django.conf import settings
from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    WithJsonSchema,
    field_validator,
)

from topline.core.money import decimal_string, normalize
from topline.core.sorting import sort_choices

_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def _decimal_text(value):
    # Floats are refused: 0.1 + 0.2 is not 0.3, and money must stay exact end to end.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError('must be a decimal number written as a string, e.g. "1234.50"')
    text = str(value).strip()
    if not _DECIMAL.match(text):
        raise ValueError(f'{text!r} is not a decimal number such as "1234.50"')
    return text


DecimalString = Annotated[
    str,
    BeforeValidator(_decimal_text),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": _DECIMAL.pattern}, {"type": "integer"}],
            "examples": ["1234.50"],
        }
    ),
]


def _iso_text(pattern: re.Pattern, example: str):
    # pydantic would read 0 or "0" as a Unix timestamp (1970-01-01): dates come as ISO text.
    def check(value):
        if isinstance(value, str) and not pattern.match(value):
            raise ValueError(f"must be an ISO 8601 value such as {example}")
        if isinstance(value, (int, float, bool)):
            raise ValueError(f"must be an ISO 8601 string such as {example}")
        return value

    return BeforeValidator(check)


Day = Annotated[dt.date, _iso_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"), '"2024-05-31"')]
Moment = Annotated[
    dt.datetime,
    _iso_text(re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"), '"2024-05-31T09:30:00Z"'),
]

Currency = Annotated[
    str,
    Field(pattern=r"^[A-Za-z]{3}$", examples=["USD"], description="ISO 4217 code"),
]


# Row ids are 64-bit: a larger number is refused here, not by the database. `Id` is for the
# path and query (text by nature); `Ref` for a body, where "5", 5.0 or true is not an id.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Ref = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]


class _Strings(Schema):
    @field_validator("*")
    @classmethod
    def _no_nul(cls, value):
        # PostgreSQL cannot store NUL in text; refuse it as bad input, not a server error.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class InSchema(_Strings):
    """Request bodies refuse unknown fields, so a typo is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid")


class Money(Schema):
    amount: str = Field(examples=["1234.50"], description="exact decimal string, never a float")
    currency: str = Field(examples=["USD"])

    @classmethod
    def of(cls, micros: int | None, currency: str) -> "Money":
        return cls(amount=decimal_string(micros), currency=currency)


class MoneyIn(InSchema):
    amount: DecimalString
    currency: Currency | None = Field(None, description="defaults to the organization's")


def decimal_out(value: Decimal) -> str:
    """A stored Decimal (quantity, discount) as a plain string: 2.0000 -> "2"."""
    return format(normalize(value), "f")


class ErrorItem(Schema):
    field: str | None = Field(description="the request field at fault; null for the request")
    reason: str


class ErrorOut(Schema):
    errors: list[ErrorItem]


T = TypeVar("T")


class Page(Schema, Generic[T]):
    next: str | None = Field(description="URL of the next page; null on the last one")
    previous: str | None
    results: list[T]


def sort_keys(keys: dict) -> type:
    """The `sort` values a list takes: the selector's whitelist, ascending or with '-'."""
    return Literal[tuple(sort_choices(keys))]


class PageQuery(_Strings):
    limit: int = Field(settings.TOPLINE_PAGE_SIZE, ge=1, le=200, description="rows per page")
    offset: int = Field(0, ge=0, le=1_000_000, description="rows to skip")
