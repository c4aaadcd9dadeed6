"""What the revenue dashboard shows: the metrics report plus the series its charts draw.
Every figure comes from metrics.metrics_report, so the page and `topline metrics` agree."""

import datetime as dt
from decimal import Decimal

from topline.analytics.metrics import metrics_report, revenue_by_month, shift_year_back
from topline.core.money import decimal_string


def _months_back_one_year(month: str) -> str:
    year, mon = month.split("-")
    return f"{int(year) - 1:04d}-{mon}"


def dashboard_context(org, date_from, date_to) -> dict:
    report = metrics_report(org, date_from, date_to)
    months = list(report["revenue_by_month"])
    previous = {}
    if months:
        start = date_from or _first_of(months[0])
        end = date_to
        previous = revenue_by_month(
            org, shift_year_back(start), shift_year_back(end) if end else None
        )
    leads = report["leads"]["by_source"]
    charts = {
        "months": months,
        "revenue": [report["revenue_by_month"][m] for m in months],
        "revenue_prior_year": [
            decimal_string(previous.get(_months_back_one_year(m), 0)) for m in months
        ],
        "sources": list(report["revenue_by_source"]),
        "revenue_by_source": list(report["revenue_by_source"].values()),
        "lead_sources": list(leads),
        "leads": [row["leads"] for row in leads.values()],
        "converted": [row["converted"] for row in leads.values()],
        "conversion": [
            str(round(Decimal(row["converted"]) / row["leads"] * 100, 1)) if row["leads"] else "0"
            for row in leads.values()
        ],
        "stages": [f"{row['pipeline']} · {row['stage']}" for row in report["pipeline_by_stage"]],
        "stage_amounts": [row["amount"] for row in report["pipeline_by_stage"]],
        "stage_counts": [row["deals"] for row in report["pipeline_by_stage"]],
        # Sources whose CAC is undefined (spend, no new customer) have no bar.
        "cac_sources": list(report["cac_by_source"]),
        "cac": [row["cac"] for row in report["cac_by_source"].values()],
    }
    return {"report": report, "charts": charts}


def _first_of(month: str) -> dt.date:
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1)
