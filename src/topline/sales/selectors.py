from django.db.models import Sum

from topline.contacts.models import Company, Contact
from topline.core.search import clean_term, exact_match, text_search
from topline.core.sorting import order_by_key
from topline.sales.models import Order, Product

# Sort keys of the order list; each is served by an index that starts with the organization.
ORDER_SORTS = {"ordered_on": ("ordered_on",), "number": ("number",), "total": ("total_micros",)}


def order_list(*, org, search="", date_from=None, date_to=None, sort="-ordered_on"):
    qs = Order.objects.for_org(org).select_related("company", "contact")
    if search:
        companies = Company.objects.for_org(org)
        companies = text_search(companies, search, ("name",), page=False).values("id")
        contacts = Contact.objects.for_org(org)
        keyed = [exact_match("external_id", search)]
        people = ("first_name", "last_name", "email", "phone")
        contacts = text_search(contacts, search, people, also=keyed, page=False).values("id")
        # Order numbers are codes: whole, as stored or in upper or lower case ("so-10911"),
        # each looked up in the unique index.
        number = clean_term(search)
        numbers = {number, number.upper(), number.lower()}
        # One id set from three index lookups: an OR of the three conditions would make the
        # database walk every order of the organization (240 ms at 500,000).
        orders = Order.objects.for_org(org)
        matches = (
            orders.filter(number__in=numbers)
            .values("pk")
            .union(
                orders.filter(company__in=companies).values("pk"),
                orders.filter(contact__in=contacts).values("pk"),
                all=True,
            )
        )
        qs = qs.filter(pk__in=matches)
    if date_from:
        qs = qs.filter(ordered_on__gte=date_from)
    if date_to:
        qs = qs.filter(ordered_on__lte=date_to)
    return order_by_key(qs, sort, ORDER_SORTS, "-ordered_on")


def purchase_history(*, org, company=None, contact=None, limit=50):
    qs = Order.objects.for_org(org).prefetch_related("lines")
    qs = qs.filter(company=company) if company is not None else qs.filter(contact=contact)
    return list(qs.order_by("-ordered_on", "-id")[:limit])


def revenue_to_date(*, org, company=None, contact=None) -> int:
    """Σ of the customer's order totals in micro-units (returns count negative)."""
    qs = Order.objects.for_org(org)
    qs = qs.filter(company=company) if company is not None else qs.filter(contact=contact)
    return qs.aggregate(total=Sum("total_micros"))["total"] or 0


def deal_lines(*, deal):
    return list(deal.lines.select_related("product").order_by("id"))


def product_list(*, org):
    return Product.objects.for_org(org).order_by("name", "id")


def order_for_deal(*, org, deal):
    return Order.objects.for_org(org).filter(deal=deal).first()
