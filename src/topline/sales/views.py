"""Order list and deal lines."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from topline.core.forms import errors_text, save_with
from topline.core.pagination import paginate
from topline.core.views import org_required, render_page
from topline.deals.models import Deal
from topline.sales import selectors, services
from topline.sales.forms import DealLineForm, OrderFilterForm


@org_required
def order_list(request):
    form = OrderFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.order_list(org=request.org, **filters)
    context = {
        "form": form,
        "sort": filters["sort"],
        "page": paginate(rows, request.GET.get("page"), settings.TOPLINE_PAGE_SIZE),
    }
    return render_page(request, "sales/order_list.html", context, partial="results")


@org_required
@require_POST
def deal_line_add(request, pk):
    """Add a product line to a deal; answers with the lines and the deal's new amount."""
    deal = get_object_or_404(Deal.objects.for_org(request.org), pk=pk)
    form = DealLineForm(request.POST, org=request.org)
    line = save_with(form, services.deal_line_add, deal=deal)
    if not request.htmx:  # a plain form post (no JavaScript): back to the deal page
        if line is None:
            messages.error(request, "Line not added: " + errors_text(form))
        return redirect("deal_detail", pk=pk)
    if line:
        form = DealLineForm(org=request.org)
    context = {"deal": deal, "lines": selectors.deal_lines(deal=deal), "line_form": form}
    return render(request, "sales/_deal_lines.html", context)
