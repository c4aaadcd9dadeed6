from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.api.auth import org
from topline.api.errors import READ, WRITE, rename_fields
from topline.api.idempotency import idempotent
from topline.api.inputs import member, money_amount, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.common import Id
from topline.api.schemas.leads import LeadConvertIn, LeadIn, LeadOut, LeadPage, LeadPatch, LeadQuery
from topline.contacts.models import Company, Contact
from topline.deals.models import Stage
from topline.leads.models import Lead
from topline.leads.selectors import lead_list
from topline.leads.services import lead_convert, lead_create, lead_update

router = Router(tags=["leads"])
REFS = {"owner": member}
CONVERT_REFS = {"contact": row(Contact), "company": row(Company), "deal_stage": row(Stage)}
# lead_convert reports its deal's errors under deal_create's names.
CONVERT_NAMES = {"title": "deal_title", "amount": "deal_amount", "stage": "deal_stage"}
# The services refuse these too, but in their own terms (the name of a Python function).
BY_CONVERT_ONLY = "becomes 'converted' only through the convert action: POST /leads/{id}/convert"
STAYS_CONVERTED = "a converted lead stays 'converted'"


def _check_status(fields: dict, current: str | None = None) -> None:
    """A status change the API refuses, said in the API's terms."""
    if "status" not in fields or (fields["status"] == "converted") == (current == "converted"):
        return
    reason = STAYS_CONVERTED if current == "converted" else BY_CONVERT_ONLY
    raise DjangoValidationError({"status": reason})


@router.get("", response={200: LeadPage, **READ})
def list_leads(request, query: Query[LeadQuery]):
    rows = lead_list(org=org(request), **filters(query))
    return paginate(request, rows, query)


@router.get("/{lead_id}", response={200: LeadOut, **READ})
def get_lead(request, lead_id: Id):
    return get_object_or_404(lead_list(org=org(request)), pk=lead_id)


@router.post("", response={201: LeadOut, **WRITE})
@idempotent(LeadOut)
def create_lead(request, payload: LeadIn):
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    _check_status(fields)
    return lead_create(organization=org(request), **fields)


@router.patch("/{lead_id}", response={200: LeadOut, **WRITE})
@transaction.atomic
def update_lead(request, lead_id: Id, payload: LeadPatch):
    lead = get_object_or_404(Lead.objects.for_org(org(request)), pk=lead_id)
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    _check_status(fields, lead.status)
    return lead_update(lead=lead, **fields)


@router.post("/{lead_id}/convert", response={200: LeadOut, **WRITE})
@idempotent(LeadOut, status=200)
def convert_lead(request, lead_id: Id, payload: LeadConvertIn):
    """Make the lead a contact, a company (when it names one) and a deal, all keeping the
    lead's source and campaign. The lead is kept, linked to what it became."""
    lead = get_object_or_404(Lead.objects.for_org(org(request)), pk=lead_id)
    fields = resolve(org(request), payload.model_dump(), CONVERT_REFS)
    # The new deal is in the organization's currency.
    amount = money_amount(fields.pop("deal_amount"), "deal_amount", org(request).currency)
    try:
        return lead_convert(
            lead=lead,
            by=request.auth.user,
            on=fields.pop("converted_on"),
            deal_amount=amount or 0,
            **fields,
        )
    except DjangoValidationError as exc:
        raise rename_fields(exc, lambda field: CONVERT_NAMES.get(field, field)) from exc
