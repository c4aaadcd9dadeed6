"""Calendar days a business record may carry. A year-1 order date is a typo, and it would
break every "same period a year earlier" comparison; refuse it where it is entered."""

import datetime as dt

from django.core.exceptions import ValidationError

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def check_business_dates(**days: dt.date | None) -> None:
    """Raise a ValidationError naming each field whose day is outside 1900–2199."""
    errors = {
        field: f"{day.isoformat()} is outside the years {FIRST_DAY.year}–{LAST_DAY.year}"
        for field, day in days.items()
        if isinstance(day, dt.date) and not (FIRST_DAY <= day <= LAST_DAY)
    }
    if errors:
        raise ValidationError(errors)
