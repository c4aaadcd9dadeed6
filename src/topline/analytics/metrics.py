"""The revenue metrics of design.md §5, in one report that the CLI, the API and the dashboard
share, so every screen shows the same figure for the same period.

Money is summed as integer micro-units in SQL and printed as exact decimal strings.
Period bounds are inclusive calendar days; None means open-ended.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import Count, Max, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf

from topline.analytics.models import MarketingSpend
from topline.core.money import decimal_string, from_micros
from topline.deals.models import Deal, Stage
from topline.leads.models import Lead
from topline.sales.models import Order

NO_SOURCE = "(none)"


def _in_period(field: str, date_from, date_to) -> Q:
    q = Q()
    if date_from:
        q &= Q(**{f"{field}__gte": date_from})
    if date_to:
        q &= Q(**{f"{field}__lte": date_to})
    return q


def shift_year_back(day: dt.date) -> dt.date | None:
    """The same calendar day a year earlier; 29 February becomes 28 February; None before
    year 2, which has no year before it in Python's calendar."""
    if day.year <= dt.MINYEAR:
        return None
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def ratio(numerator, denominator, places: int = 4) -> str | None:
    """numerator / denominator as a decimal string, or None when undefined (denominator 0)."""
    if not denominator:
        return None
    value = Decimal(numerator) / Decimal(denominator)
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def revenue_micros(org, date_from=None, date_to=None) -> int:
    orders = Order.objects.for_org(org).filter(_in_period("ordered_on", date_from, date_to))
    return orders.aggregate(total=Sum("total_micros"))["total"] or 0


def revenue_by_month(org, date_from=None, date_to=None) -> dict[str, int]:
    # Grouped by day in SQL (an index range scan), then by month here: SQLite has no native
    # month truncation, and calling Django's per row costs ~6 µs × every order.
    rows = (
        Order.objects.for_org(org)
        .filter(_in_period("ordered_on", date_from, date_to))
        .values("ordered_on")
        .annotate(total=Sum("total_micros"))
        .order_by("ordered_on")
    )
    months: dict[str, int] = {}
    for row in rows:
        month = row["ordered_on"].strftime("%Y-%m")
        months[month] = months.get(month, 0) + row["total"]
    return months


def _customer_source():
    """The customer's first-touch source: the company's, else the contact's, else the order's."""
    return Coalesce(
        NullIf("company__source", Value("")),
        NullIf("contact__source", Value("")),
        NullIf("source", Value("")),
        Value(NO_SOURCE),
    )


def revenue_by_source(org, date_from=None, date_to=None) -> dict[str, int]:
    rows = (
        Order.objects.for_org(org)
        .filter(_in_period("ordered_on", date_from, date_to))
        .annotate(attributed=_customer_source())
        .values("attributed")
        .annotate(total=Sum("total_micros"))
        .order_by("attributed")
    )
    return {row["attributed"]: row["total"] for row in rows}


def customer_count(org, date_from=None, date_to=None) -> int:
    """Distinct customers (a company, else a contact) with at least one order line."""
    orders = Order.objects.for_org(org).filter(
        _in_period("ordered_on", date_from, date_to), line_count__gt=0
    )
    companies = orders.filter(company__isnull=False).aggregate(n=Count("company", distinct=True))
    contacts = orders.filter(company__isnull=True, contact__isnull=False).aggregate(
        n=Count("contact", distinct=True)
    )
    return companies["n"] + contacts["n"]


def deal_outcomes(org, date_from=None, date_to=None) -> dict:
    """Won and lost deals closed in the period; open deals as they stand now."""
    deals = Deal.objects.for_org(org)
    closed = deals.filter(_in_period("close_date", date_from, date_to))
    won = closed.filter(stage__kind=Stage.Kind.WON).count()
    lost = closed.filter(stage__kind=Stage.Kind.LOST).count()
    still_open = deals.filter(stage__kind=Stage.Kind.OPEN).count()
    return {"won": won, "lost": lost, "open": still_open, "win_rate": ratio(won, won + lost)}


def lead_funnel(org, date_from=None, date_to=None) -> dict:
    """Leads captured in the period, and how many of them have converted (at any time)."""
    rows = (
        Lead.objects.for_org(org)
        .filter(_in_period("captured_on", date_from, date_to))
        .values("source")
        .annotate(leads=Count("id"), converted=Count("id", filter=Q(status=Lead.Status.CONVERTED)))
        .order_by("source")
    )
    by_source = {
        (row["source"] or NO_SOURCE): {"leads": row["leads"], "converted": row["converted"]}
        for row in rows
    }
    total = sum(row["leads"] for row in by_source.values())
    converted = sum(row["converted"] for row in by_source.values())
    return {
        "total": total,
        "converted": converted,
        "conversion_rate": ratio(converted, total),
        "by_source": by_source,
    }


def pipeline_by_stage(org) -> list[dict]:
    """Open deals now, per stage of every pipeline, with their amount and weighted amount."""
    rows = (
        Deal.objects.for_org(org)
        .filter(stage__kind=Stage.Kind.OPEN)
        .values("stage__pipeline__name", "stage__name", "stage__order", "stage__probability")
        .annotate(n=Count("id"), amount=Sum("amount_micros"))
        .order_by("stage__pipeline__name", "stage__order")
    )
    return [
        {
            "pipeline": row["stage__pipeline__name"],
            "stage": row["stage__name"],
            "deals": row["n"],
            "amount": decimal_string(row["amount"]),
            "weighted": decimal_string(row["amount"] * row["stage__probability"] // 100),
        }
        for row in rows
    ]


def new_customers_by_source(org, date_from=None, date_to=None) -> dict[str, int]:
    """Customers whose first order falls in the period, by their first-touch source."""
    orders = Order.objects.for_org(org).filter(line_count__gt=0)
    customers = (
        # A company is the customer where there is one; otherwise the contact.
        (orders.filter(company__isnull=False), "company"),
        (orders.filter(company__isnull=True, contact__isnull=False), "contact"),
    )
    counts: dict[str, int] = defaultdict(int)
    for customer_orders, key in customers:
        rows = (
            customer_orders.values(key, f"{key}__source")
            .annotate(first=Min("ordered_on"))
            .order_by()
        )
        for row in rows:
            first = row["first"]
            if (date_from and first < date_from) or (date_to and first > date_to):
                continue
            counts[row[f"{key}__source"] or NO_SOURCE] += 1
    return dict(counts)


def spend_by_source(org, date_from=None, date_to=None) -> dict[str, int]:
    """Marketing spend whose period starts inside the report period, by source."""
    rows = (
        MarketingSpend.objects.for_org(org)
        .filter(_in_period("period_start", date_from, date_to))
        .values("source")
        .annotate(total=Sum("amount_micros"))
        .order_by("source")
    )
    return {row["source"]: row["total"] for row in rows}


def cac_by_source(org, date_from=None, date_to=None) -> dict[str, dict]:
    """CAC = spend on a source in the period / new customers from it whose first order is in
    the period. Only sources with spend appear; CAC is null when there are no new customers."""
    spend = spend_by_source(org, date_from, date_to)
    if not spend:
        return {}  # the first-order scan below is the report's dearest query
    new = new_customers_by_source(org, date_from, date_to)
    report = {}
    for source, micros in spend.items():
        customers = new.get(source, 0)
        cac = None
        if customers:
            cac = decimal_string(
                int((Decimal(micros) / customers).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
            )
        report[source] = {
            "spend": decimal_string(micros),
            "new_customers": customers,
            "cac": cac,
        }
    return report


def data_span(org) -> tuple[dt.date | None, dt.date | None]:
    span = Order.objects.for_org(org).aggregate(first=Min("ordered_on"), last=Max("ordered_on"))
    return span["first"], span["last"]


def sales_growth_yoy(org, date_from=None, date_to=None) -> dict:
    """(Rev(P) − Rev(P a year earlier)) / Rev(P a year earlier); null when the earlier revenue
    is 0. An open bound is the first or last order date."""
    first, last = data_span(org)
    start, end = date_from or first, date_to or last
    if start is None or end is None:
        return {"growth": None, "previous_from": None, "previous_to": None}
    previous_from, previous_to = shift_year_back(start), shift_year_back(end)
    if previous_from is None or previous_to is None:
        return {"growth": None, "previous_from": None, "previous_to": None}
    now = revenue_micros(org, start, end)
    before = revenue_micros(org, previous_from, previous_to)
    return {
        "growth": ratio(now - before, before),
        "previous_from": previous_from.isoformat(),
        "previous_to": previous_to.isoformat(),
        "previous_revenue": decimal_string(before),
    }


def metrics_report(org, date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict:
    """Every headline figure for one organization and period, JSON-ready."""
    revenue = revenue_micros(org, date_from, date_to)
    customers = customer_count(org, date_from, date_to)
    growth = sales_growth_yoy(org, date_from, date_to)
    return {
        "organization": org.slug,
        "currency": org.currency,
        "period": {
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
        },
        "revenue": decimal_string(revenue),
        "revenue_by_month": {
            month: decimal_string(total)
            for month, total in revenue_by_month(org, date_from, date_to).items()
        },
        "sales_growth_yoy": growth["growth"],
        "sales_growth_yoy_basis": growth,
        "revenue_by_source": {
            source: decimal_string(total)
            for source, total in revenue_by_source(org, date_from, date_to).items()
        },
        "deals": deal_outcomes(org, date_from, date_to),
        "leads": lead_funnel(org, date_from, date_to),
        "customers": customers,
        "revenue_per_customer": (
            str(normalize_places(from_micros(revenue) / customers)) if customers else None
        ),
        "pipeline_by_stage": pipeline_by_stage(org),
        "cac_by_source": cac_by_source(org, date_from, date_to),
    }


def normalize_places(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
