from django.db.models import Q

from topline.activities.models import Activity
from topline.contacts.models import Contact
from topline.deals.models import Deal
from topline.leads.models import Lead


def timeline(*, org, limit: int = 100, **record):
    """Activities of one record and of what belongs to it, newest first: a company's own and
    those of its people, its deals and the leads they came from; a contact's or deal's own
    and those of its lead. The whole history of a customer on one page."""
    ((field, obj),) = record.items()
    match = Q(**{field: obj})
    # Subqueries of ids, not joins: each is served by an index on (organization, column).
    if field == "company":
        match |= Q(contact__in=Contact.objects.for_org(org).filter(company=obj).values("pk"))
        match |= Q(deal__in=Deal.objects.for_org(org).filter(company=obj).values("pk"))
        leads = Lead.objects.for_org(org).filter(
            Q(converted_company=obj) | Q(converted_contact__company=obj)
        )
        match |= Q(lead__in=leads.values("pk"))
    elif field in ("contact", "deal"):
        leads = Lead.objects.for_org(org).filter(**{f"converted_{field}": obj}).values("pk")
        match |= Q(lead__in=leads)
    return list(
        Activity.objects.for_org(org)
        .filter(match)
        .select_related("owner", "contact", "deal", "lead")
        .order_by("-occurred_at", "-id")[:limit]
    )


def activity_list(
    *,
    org,
    kind: str = "",
    company=None,
    contact=None,
    lead=None,
    deal=None,
    done: bool | None = None,
    date_from=None,
    date_to=None,
):
    """Activities of the organization, newest first; days are compared in UTC."""
    qs = Activity.objects.for_org(org)
    if kind:
        qs = qs.filter(kind=kind)
    records = {"company": company, "contact": contact, "lead": lead, "deal": deal}
    for field, value in records.items():
        if value:
            qs = qs.filter(**{field: value})
    if done is not None:
        qs = qs.filter(done=done)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs.order_by("-occurred_at", "-id")
