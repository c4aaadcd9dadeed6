from django.db.models import Q

from topline.contacts.models import Company, Contact


def company_list(*, org, search: str = "", country: str = "", sort: str = "name"):
    qs = Company.objects.for_org(org)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(domain__icontains=search))
    if country:
        qs = qs.filter(country=country)
    return qs.order_by(sort, "id")


def contact_list(*, org, search: str = "", company=None, source: str = "", sort: str = "last_name"):
    qs = Contact.objects.for_org(org).select_related("company")
    if search:
        qs = qs.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(external_id=search)
        )
    if company:
        qs = qs.filter(company=company)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by(sort, "id")
