"""Named report periods for the dashboard's period picker, in the organization's calendar."""

import datetime as dt


def quarter_start(day: dt.date) -> dt.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def previous_month(day: dt.date) -> tuple[dt.date, dt.date]:
    end = day.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def named_periods(today: dt.date, fiscal_start_month: int = 1) -> dict[str, tuple]:
    """name -> (label, from, to); None bounds mean open-ended."""
    fy_year = today.year if today.month >= fiscal_start_month else today.year - 1
    fy_start = dt.date(fy_year, fiscal_start_month, 1)
    last_year = today.year - 1
    return {
        "month": ("This month", today.replace(day=1), today),
        "last_month": ("Last month", *previous_month(today)),
        "quarter": ("This quarter", quarter_start(today), today),
        "ytd": ("Fiscal year to date", fy_start, today),
        "last_12": ("Last 12 months", today.replace(day=1).replace(year=today.year - 1), today),
        "last_year": ("Last year", dt.date(last_year, 1, 1), dt.date(last_year, 12, 31)),
        "all": ("All time", None, None),
    }
