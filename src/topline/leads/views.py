"""Lead list, forms and conversion. The lead page is in topline.activities.views."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from topline.core.forms import save_with
from topline.core.pagination import paginate
from topline.core.views import form_page, org_required, render_page
from topline.leads import selectors, services
from topline.leads.forms import ConvertForm, LeadFilterForm, LeadForm
from topline.leads.models import Lead


@org_required
def lead_list(request):
    form = LeadFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.lead_list(org=request.org, **filters)
    context = {
        "form": form,
        "sort": filters["sort"],
        "page": paginate(rows, request.GET.get("page"), settings.TOPLINE_PAGE_SIZE),
        # Called only when the whole page renders, not for each search keystroke.
        "sources": lambda: selectors.lead_sources(org=request.org),
    }
    return render_page(request, "leads/lead_list.html", context, partial="results")


@org_required
def lead_create(request):
    form = LeadForm(request.POST or None, initial={"owner": request.user.pk}, org=request.org)
    if request.method == "POST":
        lead = save_with(form, services.lead_create, organization=request.org)
        if lead:
            return redirect("lead_detail", pk=lead.pk)
    return form_page(request, form, "New lead", reverse("lead_list"))


@org_required
def lead_edit(request, pk):
    lead = get_object_or_404(Lead.objects.for_org(request.org), pk=pk)
    form = LeadForm(request.POST or None, instance=lead, org=request.org)
    if request.method == "POST" and save_with(form, services.lead_update, lead=lead):
        return redirect("lead_detail", pk=lead.pk)
    return form_page(request, form, f"Edit {lead}", reverse("lead_detail", args=[pk]))


@org_required
@require_POST
def lead_convert(request, pk):
    """Make the lead a contact, company and deal that keep its source; the lead stays."""
    lead = get_object_or_404(Lead.objects.for_org(request.org), pk=pk)
    form = ConvertForm(request.POST, lead=lead)
    if not form.is_valid():
        messages.error(request, "Could not convert: " + form.errors.as_text())
        return redirect("lead_detail", pk=pk)
    try:
        services.lead_convert(lead=lead, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, "Could not convert: " + "; ".join(error.messages))
    else:
        messages.success(request, f"{lead} converted.")
    return redirect("lead_detail", pk=pk)
