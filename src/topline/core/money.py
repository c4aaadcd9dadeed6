"""Exact money: Decimal in Python, integer micro-units (1/1,000,000 of a unit) in the database.

Integers sum exactly in SQL on both SQLite (which keeps non-integer decimals as floats) and
PostgreSQL, so a SUM() in a query equals the same sum done with Decimal in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

MICROS = 1_000_000
# The largest amount one value may hold (a price, a line, an order, a deal): a trillion units.
# It keeps every stored value, and the sums of many of them, inside a 64-bit integer.
MAX_AMOUNT = 10**12
MAX_MICROS = MAX_AMOUNT * MICROS


class MoneyError(ValueError):
    pass


def to_micros(amount: Decimal | int | str) -> int:
    """Decimal amount -> integer micro-units; refuses what cannot be held exactly."""
    try:
        value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    except InvalidOperation as exc:
        raise MoneyError(f"{amount!r} is not a number") from exc
    if not value.is_finite():
        raise MoneyError(f"{value} is not a finite number")
    if abs(value) > MAX_AMOUNT:
        raise MoneyError(f"{value} is larger than the largest amount, {MAX_AMOUNT:,}")
    scaled = value * MICROS
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{value} has more than 6 decimal places")
    return int(scaled)


def from_micros(micros: int | None) -> Decimal:
    """Integer micro-units -> Decimal, without trailing zeros past the cents."""
    value = Decimal(micros or 0) / MICROS
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros but keep at least whole units: 12.500000 -> 12.5, 1E+1 -> 10."""
    value = value.normalize()
    if value.as_tuple().exponent > 0:
        value = value.quantize(Decimal(1))
    return value


def line_total_micros(quantity: Decimal, unit_price_micros: int, discount: Decimal) -> int:
    """quantity × unit price × (1 − discount), rounded half-even to a micro-unit."""
    total = Decimal(quantity) * unit_price_micros * (1 - Decimal(discount))
    if abs(total) > MAX_MICROS:
        raise MoneyError(f"the line total is larger than the largest amount, {MAX_AMOUNT:,}")
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True, slots=True)
class Money:
    micros: int
    currency: str

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        return cls(to_micros(amount), currency)

    @property
    def amount(self) -> Decimal:
        return from_micros(self.micros)

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise MoneyError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.micros + other.micros, self.currency)

    def __str__(self) -> str:
        return f"{self.amount.quantize(Decimal('0.01')):,} {self.currency}"


# ISO 4217 minor units of the currencies that do not have two.
MINOR_UNITS = {
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND"]
        + ["VUV", "XAF", "XOF", "XPF"],
        0,
    ),
}


def format_money(micros: int | None, currency: str = "", places: int | None = None) -> str:
    """For display, with an optional currency code. By default exact, with at least the
    currency's minor units: 12500.5 -> '12,500.50 USD', 0.165 -> '0.165 USD'. With `places`,
    rounded half-even: places=0 gives the whole units of a summary ('12,500 USD')."""
    value = from_micros(micros)
    shown = MINOR_UNITS.get(currency, 2) if places is None else places
    if places is not None or -value.as_tuple().exponent < shown:
        value = value.quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_EVEN)
    return f"{value:,} {currency}".strip()


def decimal_string(micros: int | None) -> str:
    """The exact amount as a plain decimal string, for JSON: no exponent, no float."""
    return format(from_micros(micros), "f")
