"""Record pages (company, contact, lead, deal) and logging activities on them.

A record page gathers the record's facts with its deals, orders and timeline. Activities sit
above every other domain app, so the pages live here: a lower app (contacts) may not import
a higher one (sales, activities). Their templates stay with the record's own app."""

import zoneinfo

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from topline.activities.forms import ActivityForm
from topline.activities.models import Activity
from topline.activities.selectors import timeline
from topline.activities.services import activity_complete, activity_create
from topline.contacts.forms import ContactPointForm
from topline.contacts.models import Company, Contact
from topline.contacts.selectors import company_contacts, contact_points
from topline.contacts.views import preferences_context
from topline.core.forms import errors_text, save_with
from topline.core.views import org_required
from topline.deals.models import Deal
from topline.deals.selectors import deals_for, pipeline_stages, stage_history
from topline.leads.forms import ConvertForm
from topline.leads.models import Lead
from topline.leads.selectors import lead_origin
from topline.sales.forms import DealLineForm
from topline.sales.selectors import (
    deal_lines,
    order_for_deal,
    purchase_history,
    revenue_to_date,
)

RECORDS = {"company": Company, "contact": Contact, "lead": Lead, "deal": Deal}


def timeline_context(org, record_type: str, record) -> dict:
    return {
        "record_type": record_type,
        "record": record,
        "timeline": timeline(org=org, **{record_type: record}),
        "activity_form": ActivityForm(),
    }


@org_required
def company_detail(request, pk):
    org = request.org
    company = get_object_or_404(
        Company.objects.for_org(org).select_related("parent", "owner"), pk=pk
    )
    context = {
        "company": company,
        "contacts": company_contacts(company=company),
        "deals": deals_for(org=org, company=company),
        "orders": purchase_history(org=org, company=company),
        "revenue": revenue_to_date(org=org, company=company),
        **timeline_context(org, "company", company),
    }
    return render(request, "contacts/company_detail.html", context)


@org_required
def contact_detail(request, pk):
    org = request.org
    contact = get_object_or_404(
        Contact.objects.for_org(org).select_related("company", "owner"), pk=pk
    )
    context = {
        "contact": contact,
        "points": contact_points(contact=contact),
        "point_form": ContactPointForm(contact=contact),
        "local_time": timezone.localtime(timezone=zoneinfo.ZoneInfo(contact.time_zone)),
        "deals": deals_for(org=org, contact=contact),
        "orders": purchase_history(org=org, contact=contact),
        "revenue": revenue_to_date(org=org, contact=contact),
        "origin_lead": lead_origin(org=org, contact=contact),
        **preferences_context(contact),
        **timeline_context(org, "contact", contact),
    }
    return render(request, "contacts/contact_detail.html", context)


@org_required
def lead_detail(request, pk):
    org = request.org
    lead = get_object_or_404(
        Lead.objects.for_org(org).select_related(
            "owner", "converted_contact", "converted_company", "converted_deal"
        ),
        pk=pk,
    )
    context = {"lead": lead, **timeline_context(org, "lead", lead)}
    if lead.status != Lead.Status.CONVERTED:
        context["convert_form"] = ConvertForm(lead=lead)
    return render(request, "leads/lead_detail.html", context)


@org_required
def deal_detail(request, pk):
    org = request.org
    deal = get_object_or_404(
        Deal.objects.for_org(org).select_related(
            "pipeline", "stage", "company", "contact", "owner"
        ),
        pk=pk,
    )
    context = {
        "deal": deal,
        "stages": pipeline_stages(org=org, pipeline=deal.pipeline),
        "history": stage_history(deal=deal),
        "lines": deal_lines(deal=deal),
        "line_form": DealLineForm(org=org),
        "order": order_for_deal(org=org, deal=deal),
        "origin_lead": lead_origin(org=org, deal=deal),
        **timeline_context(org, "deal", deal),
    }
    return render(request, "deals/deal_detail.html", context)


def activity_records(record_type: str, record) -> dict:
    """The records an activity logged on `record` belongs to: a call on a deal is also on the
    deal's contact and company, so each customer page shows the whole history."""
    if record_type == "deal":
        return {"deal": record, "contact": record.contact, "company": record.company}
    if record_type == "contact":
        return {"contact": record, "company": record.company}
    return {record_type: record}


@org_required
@require_POST
def activity_add(request, record_type, pk):
    record = get_object_or_404(RECORDS[record_type].objects.for_org(request.org), pk=pk)
    form = ActivityForm(request.POST)
    activity = save_with(
        form,
        activity_create,
        organization=request.org,
        owner=request.user,
        **activity_records(record_type, record),
    )
    if not request.htmx:  # a plain form post (no JavaScript): back to the record page
        if activity is None:
            messages.error(request, "Not added: " + errors_text(form))
        return redirect(f"{record_type}_detail", pk=pk)
    context = {"record_type": record_type, "record": record}
    if activity is None:
        context["activity_form"] = form
        # 200, not 4xx: htmx swaps only successful responses by default.
        response = render(request, "activities/_activity_form.html", context)
        return reswap(retarget(response, "#activity-form"), "outerHTML")
    context.update(activity=activity, activity_form=ActivityForm())
    return render(request, "activities/_activity_added.html", context)


@org_required
@require_POST
def activity_done(request, pk):
    activity = get_object_or_404(
        Activity.objects.for_org(request.org).select_related("owner"), pk=pk
    )
    activity_complete(activity=activity)
    # The page it was marked on: its own record is not named again in the redrawn entry.
    record_type = request.POST.get("record_type", "")
    context = {"activity": activity, "record_type": record_type if record_type in RECORDS else ""}
    return render(request, "activities/_activity.html", context)
