from decimal import Decimal

import pytest

from topline.core.money import (
    MoneyError,
    decimal_string,
    format_money,
    from_micros,
    line_total_micros,
    to_micros,
)


def test_it_converts_decimals_to_micros_exactly():
    assert to_micros(Decimal("2.55")) == 2_550_000
    assert to_micros("0.000001") == 1
    assert to_micros(-3) == -3_000_000


def test_it_refuses_more_than_six_places_and_non_numbers():
    with pytest.raises(MoneyError):
        to_micros("0.0000001")
    with pytest.raises(MoneyError):
        to_micros("abc")
    with pytest.raises(MoneyError):
        to_micros("NaN")


def test_it_round_trips_and_prints_plain_decimals():
    assert from_micros(1_338_466_000_000) == Decimal("1338466")
    assert decimal_string(9_747_747_934_000) == "9747747.934"
    assert decimal_string(10_000_000) == "10"
    assert decimal_string(-1_500_000) == "-1.5"


def test_it_computes_line_totals_with_discount_half_even():
    # 3 × 0.333333 × (1 − 0.5) = 0.4999995 -> 0.500000 after half-even rounding of micros
    assert line_total_micros(Decimal(3), 333_333, Decimal("0.5")) == 500_000
    assert line_total_micros(Decimal(-12), 2_550_000, Decimal(0)) == -30_600_000


@pytest.mark.parametrize(
    ("amount", "currency", "places", "shown"),
    [
        ("12500.5", "USD", None, "12,500.50 USD"),  # exact, with the cents
        ("0.165", "GBP", None, "0.165 GBP"),  # a third decimal is kept, not rounded away
        ("-3.1", "EUR", None, "-3.10 EUR"),
        ("1500", "JPY", None, "1,500 JPY"),  # no minor units
        ("1.5", "KWD", None, "1.500 KWD"),  # three
        ("12500.5", "USD", 0, "12,500 USD"),  # a summary rounds half to even
        ("12501.5", "USD", 0, "12,502 USD"),
        ("7", "", None, "7.00"),
    ],
)
def test_format_money_is_exact_unless_asked_to_round(amount, currency, places, shown):
    assert format_money(to_micros(amount), currency, places=places) == shown
