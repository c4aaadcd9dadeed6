"""Display filters for the exact decimal strings of the metrics report."""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django import template

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def amount(value, places: int = 0) -> str:
    """'1338466.25' -> '1,338,466' (or with `places` decimals); None -> 'n/a'."""
    number = _decimal(value)
    if number is None:
        return "n/a"
    step = Decimal(1).scaleb(-int(places))
    return f"{number.quantize(step, rounding=ROUND_HALF_EVEN):,}"


@register.filter
def percent(value, places: int = 1) -> str:
    """A ratio string '0.6315' -> '63.2%'; None (undefined) -> 'n/a', never 0."""
    number = _decimal(value)
    if number is None:
        return "n/a"
    step = Decimal(1).scaleb(-int(places))
    return f"{(number * 100).quantize(step, rounding=ROUND_HALF_EVEN)}%"
