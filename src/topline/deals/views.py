"""Deal list, forms, stage moves and the pipeline board. The deal page is in
topline.activities.views."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from topline.core.forms import save_with
from topline.core.pagination import paginate
from topline.core.views import form_page, org_required, render_page
from topline.deals import selectors, services
from topline.deals.forms import BoardFilterForm, DealFilterForm, DealForm, MoveForm
from topline.deals.models import Deal

# Cards per board column; the rest are one click away in the filtered deal list.
BOARD_CARDS = 50


@org_required
def deal_list(request):
    form = DealFilterForm(request.GET, org=request.org)
    filters = form.filters()
    rows = selectors.deal_list(org=request.org, **filters)
    context = {
        "form": form,
        "sort": filters["sort"],
        "page": paginate(rows, request.GET.get("page"), settings.TOPLINE_PAGE_SIZE),
    }
    return render_page(request, "deals/deal_list.html", context, partial="results")


@org_required
def deal_create(request):
    # "New deal" on a company or contact page passes it in the query string.
    initial = {"owner": request.user.pk, **request.GET.dict()}
    form = DealForm(request.POST or None, initial=initial, org=request.org)
    if request.method == "POST":
        deal = save_with(form, services.deal_create, organization=request.org, by=request.user)
        if deal:
            return redirect("deal_detail", pk=deal.pk)
    return form_page(request, form, "New deal", reverse("deal_list"))


@org_required
def deal_edit(request, pk):
    deal = get_object_or_404(Deal.objects.for_org(request.org), pk=pk)
    form = DealForm(request.POST or None, instance=deal, org=request.org)
    if request.method == "POST" and save_with(form, services.deal_update, deal=deal):
        return redirect("deal_detail", pk=deal.pk)
    return form_page(request, form, f"Edit {deal}", reverse("deal_detail", args=[pk]))


def list_query(filters: dict) -> str:
    """The board's filters as deal-list parameters, for a column's "n more" link."""
    params = {name: getattr(value, "pk", value) for name, value in filters.items() if value}
    return urlencode(params)


@org_required
def board(request):
    form = BoardFilterForm(request.GET, org=request.org)
    filters = form.filters()
    pipelines = list(form.fields["pipeline"].queryset)  # the default first
    # The chosen pipeline, else the default, else the first (an org with only an imported
    # one); the standard pipeline is created only when there is none at all.
    pipeline = (
        form.cleaned_data.get("pipeline")
        or (pipelines[0] if pipelines else None)
        or services.pipeline_default(organization=request.org)
    )
    context = {
        "form": form,
        "pipeline": pipeline,
        "pipelines": pipelines,
        "columns": selectors.board(
            org=request.org, pipeline=pipeline, per_stage=BOARD_CARDS, **filters
        ),
        "list_query": list_query(filters),
    }
    return render_page(request, "deals/board.html", context, partial="board")


@org_required
@require_POST
def deal_move(request, pk):
    """Move a deal to another stage: from the board (htmx) it answers with the new column
    headers, counted with the board's filters; from the deal page it goes back there."""
    deal = get_object_or_404(Deal.objects.for_org(request.org), pk=pk)
    form = MoveForm(request.POST, org=request.org)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        deal = services.deal_move_stage(
            deal=deal, stage=form.cleaned_data["stage"], by=request.user
        )
    except ValidationError as error:
        if request.htmx:
            return HttpResponse("; ".join(error.messages), status=400)
        messages.error(request, "Could not move: " + "; ".join(error.messages))
        return redirect("deal_detail", pk=pk)
    if not request.htmx:
        return redirect("deal_detail", pk=pk)
    filters = BoardFilterForm(request.POST, org=request.org).filters()
    stages = selectors.pipeline_stages(org=request.org, pipeline=deal.pipeline_id)
    totals = selectors.board_totals(org=request.org, stages=stages, **filters)
    context = {
        "columns": selectors.board_columns(stages, totals, BOARD_CARDS),
        "list_query": list_query(filters),
        "deal": deal,
    }
    return render(request, "deals/_board_heads.html", context)
