from topline.core.distinct import distinct_values
from topline.core.search import exact_match, text_search
from topline.core.sorting import order_by_key
from topline.leads.models import Lead

# Sort keys of the lead list; each is served by an index that starts with the organization.
LEAD_SORTS = {"captured_on": ("captured_on",), "score": ("score",), "status": ("status",)}


def lead_list(*, org, search="", source=None, status="", sort="-captured_on"):
    qs = Lead.objects.for_org(org).select_related("owner")
    if search:
        fields = ("first_name", "last_name", "email", "company_name", "phone")
        qs = text_search(qs, search, fields, also=[exact_match("external_id", search)])
    if source is not None and source != "":
        qs = qs.filter(source="" if source == "(none)" else source)
    if status:
        qs = qs.filter(status=status)
    return order_by_key(qs, sort, LEAD_SORTS, "-captured_on")


def lead_sources(*, org) -> list[str]:
    # Blank included: the list offers it as "(none)". Index lead_org_source.
    return distinct_values(Lead, org, "source", skip_blank=False)


def lead_origin(*, org, contact=None, deal=None) -> Lead | None:
    """The lead a contact or deal was converted from, if any: its source and first touch."""
    field, record = ("converted_contact", contact) if contact else ("converted_deal", deal)
    return Lead.objects.for_org(org).filter(**{field: record}).order_by("id").first()
