"""Writes for leads, and lead conversion: the lead is kept and linked to what it became,
so its source reaches the contact, company, deal and (through them) the orders."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from topline.contacts.services import company_create, contact_create, strip_text
from topline.deals.models import Stage
from topline.deals.services import deal_create, pipeline_default
from topline.leads.models import Lead

LEAD_FIELDS = {
    "first_name", "last_name", "email", "phone", "company_name", "source", "campaign",
    "landing_page", "status", "score", "owner", "captured_on", "external_id",
}  # fmt: skip


def lead_build(*, organization, **fields) -> Lead:
    unknown = set(fields) - LEAD_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    strip_text(fields)
    fields.setdefault("captured_on", timezone.localdate())
    if fields.get("status") == Lead.Status.CONVERTED:
        raise ValidationError({"status": "a lead becomes converted only through conversion"})
    lead = Lead(organization=organization, **fields)
    lead.full_clean(exclude=["organization"], validate_constraints=False)
    return lead


def lead_create(*, organization, **fields) -> Lead:
    lead = lead_build(organization=organization, **fields)
    lead.save()
    return lead


def lead_update(*, lead: Lead, **fields) -> Lead:
    unknown = set(fields) - LEAD_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if "status" in fields and (fields["status"] == Lead.Status.CONVERTED) != (
        lead.status == Lead.Status.CONVERTED
    ):
        raise ValidationError({"status": "conversion is changed only through lead_convert"})
    strip_text(fields)
    for name, value in fields.items():
        setattr(lead, name, value)
    lead.full_clean(exclude=["organization"], validate_constraints=False)
    lead.save()
    return lead


@transaction.atomic
def lead_convert(
    *,
    lead: Lead,
    by=None,
    on: dt.date | None = None,
    contact=None,
    company=None,
    create_deal: bool = True,
    deal_title: str = "",
    deal_amount=0,
    deal_stage: Stage | None = None,
) -> Lead:
    """Turn a lead into a contact (new or given), a company (new, given, or none when the lead
    names none) and optionally a deal; all carry the lead's source and campaign."""
    lead = Lead.objects.for_org(lead.organization_id).select_for_update().get(pk=lead.pk)
    if lead.status == Lead.Status.CONVERTED:
        raise ValidationError({"status": "this lead is already converted"})
    org = lead.organization
    on = on or timezone.localdate()
    origin = {"source": lead.source, "campaign": lead.campaign}
    if company is None and lead.company_name:
        company = company_create(
            organization=org, name=lead.company_name, owner=lead.owner, **origin
        )
    if contact is None:
        person = {
            "first_name": lead.first_name,
            "last_name": lead.last_name,
            "email": lead.email,
            "phone": lead.phone,
        }
        if not any(person.values()) and company is None:
            # An anonymised lead (an Olist MQL) is known only by the id it came with.
            person["external_id"] = lead.external_id
        contact = contact_create(
            organization=org, company=company, owner=lead.owner, **person, **origin
        )
    deal = None
    if create_deal:
        stage = deal_stage or pipeline_default(organization=org).stages.order_by("order").first()
        deal = deal_create(
            organization=org,
            title=deal_title or f"{company.name if company else contact.name}",
            stage=stage,
            amount=deal_amount,
            company=company,
            contact=contact,
            owner=lead.owner or by,
            engaged_on=on,
            close_date=on if stage.kind != Stage.Kind.OPEN else None,
            by=by,
            **origin,
        )
    lead.status = Lead.Status.CONVERTED
    lead.converted_on = on
    lead.converted_contact = contact
    lead.converted_company = company
    lead.converted_deal = deal
    lead.save()
    return lead
