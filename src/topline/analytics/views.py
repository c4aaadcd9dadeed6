import datetime as dt
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from topline.analytics.dashboard import dashboard_context
from topline.analytics.periods import named_periods


def _day(value: str | None, label: str, errors: list[str]) -> dt.date | None:
    """The day in `value`; a bad one is left out of the report, with an error in `errors`."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        errors.append(f"{label}: Enter a valid date.")
        return None


@login_required
def dashboard(request):
    if request.org is None:
        raise Http404("no organization")
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(request.org.time_zone))
    periods = named_periods(today, request.org.fiscal_year_start_month)
    chosen = request.GET.get("period", "")
    errors = []
    date_from = _day(request.GET.get("from"), "From", errors)
    date_to = _day(request.GET.get("to"), "To", errors)
    if chosen not in periods and not request.htmx:
        # A named period overrides the dates. (The htmx fragment has no room for messages,
        # and a browser's date inputs send no bad dates: those come from a hand-edited URL.)
        for error in errors:
            messages.error(request, error)
    if chosen in periods:
        _, date_from, date_to = periods[chosen]
    elif not (date_from or date_to):
        chosen = "all"
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    context = dashboard_context(request.org, date_from, date_to)
    context.update(periods=periods, chosen=chosen, date_from=date_from, date_to=date_to)
    template = "analytics/dashboard.html"
    if request.htmx:
        template += "#report"
    return render(request, template, context)
