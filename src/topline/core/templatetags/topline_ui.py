"""Template helpers for every list and record page: money, sortable column headers and
links that change one query parameter while keeping the others (filters, search)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from topline.core.money import format_money, normalize

register = template.Library()


@register.filter
def money(micros, currency=""):
    """{{ deal.amount_micros|money:deal.currency }} -> '12,500.50 USD': exact."""
    return format_money(micros, currency)


@register.filter
def money_figure(micros, currency=""):
    """'12,500.50': exact, with the currency's minor units but not its code (table cells
    under a header that names the currency once)."""
    return format_money(micros, currency).removesuffix(f" {currency}")


@register.filter
def money_whole(micros, currency=""):
    """'12,501 USD': rounded to whole units, for summaries (the board); the exact amount
    belongs in a title beside it."""
    return format_money(micros, currency, places=0)


@register.filter
def share_percent(fraction) -> str:
    """A fraction of 1 as an exact percentage: Decimal('0.125') -> '12.5 %'; 0 -> ''."""
    if not fraction:
        return ""
    return f"{normalize(Decimal(fraction) * 100)} %"


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """'?a=1&page=2' with the given parameters replaced (None or '' drops one)."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_header(context, label, key, css=""):
    """A column header that sorts by `key`; clicking the current sort reverses it.
    The current sort comes from the view's `sort` context value ('name' or '-name')."""
    current = context.get("sort", "")
    ascending = current == key
    new = f"-{key}" if ascending else key
    arrow = "▲" if ascending else "▼" if current == f"-{key}" else "↕"
    state = "ascending" if ascending else "descending" if current == f"-{key}" else "none"
    href = query(context, sort=new, page=None)
    return format_html(
        '<th class="{}" aria-sort="{}"><a href="{}" hx-get="{}">{} <span aria-hidden="true">'
        "{}</span></a></th>",
        css,
        state,
        href,
        href,
        label,
        arrow,
    )
