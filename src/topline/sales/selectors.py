from django.db.models import Q

from topline.sales.models import Order


def order_list(*, org, search="", date_from=None, date_to=None, sort="-ordered_on"):
    qs = Order.objects.for_org(org).select_related("company", "contact")
    if search:
        qs = qs.filter(
            Q(number=search) | Q(company__name__icontains=search) | Q(contact__external_id=search)
        )
    if date_from:
        qs = qs.filter(ordered_on__gte=date_from)
    if date_to:
        qs = qs.filter(ordered_on__lte=date_to)
    return qs.order_by(sort, "id")


def purchase_history(*, org, company=None, contact=None, limit=50):
    qs = Order.objects.for_org(org).prefetch_related("lines")
    qs = qs.filter(company=company) if company is not None else qs.filter(contact=contact)
    return list(qs.order_by("-ordered_on", "-id")[:limit])
