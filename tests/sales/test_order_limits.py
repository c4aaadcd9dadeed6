import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from topline.analytics.metrics import metrics_report
from topline.core.pagination import MAX_PAGE, paginate
from topline.sales.models import Order
from topline.sales.services import LineInput, order_create


def create(org, *lines, day=dt.date(2024, 1, 1)):
    return order_create(organization=org, number="N1", ordered_on=day, lines=list(lines))


def test_it_refuses_a_unit_price_over_the_largest_amount(org):
    with pytest.raises(ValidationError) as error:
        create(org, LineInput(1, "10000000000000"))  # 10^13 > 10^12
    assert error.value.message_dict == {
        "lines[1].unit_price": [
            "10000000000000 is larger than the largest amount, 1,000,000,000,000"
        ]
    }


def test_it_says_a_too_precise_price_is_too_precise_not_that_it_is_no_number(org):
    with pytest.raises(ValidationError) as error:
        create(org, LineInput(1, "0.1234567"), LineInput(1, "ten"))
    assert error.value.message_dict == {
        "lines[1].unit_price": ["0.1234567 has more than 6 decimal places"],
        "lines[2].unit_price": ["'ten' is not a number"],
    }


def test_it_refuses_a_line_total_over_the_largest_amount(org):
    with pytest.raises(ValidationError) as error:
        create(org, LineInput("9000000", "1000000"))  # 9 × 10^12
    assert list(error.value.message_dict) == ["lines[1].quantity"]
    assert not Order.objects.for_org(org).exists()


def test_it_refuses_an_order_total_over_the_largest_amount(org):
    with pytest.raises(ValidationError) as error:
        create(org, LineInput(1, "600000000000"), LineInput(1, "600000000000"))
    assert list(error.value.message_dict) == ["lines"]


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2200, 1, 1)])
def test_it_refuses_order_dates_outside_1900_to_2199(org, day):
    with pytest.raises(ValidationError) as error:
        create(org, LineInput(1, "1"), day=day)
    assert list(error.value.message_dict) == ["ordered_on"]


def test_growth_is_undefined_for_a_period_in_year_one(org):
    create(org, LineInput(1, "5"))
    report = metrics_report(org, dt.date(1, 6, 1), dt.date(2024, 12, 31))
    assert report["revenue"] == "5"
    assert report["sales_growth_yoy"] is None


def test_an_absurd_page_number_is_an_empty_page(org):
    create(org, LineInput(1, "5"))
    page = paginate(Order.objects.for_org(org).order_by("id"), "9223372036854775807", 50)
    assert (page.number, page.rows, page.has_next) == (MAX_PAGE, [], False)
