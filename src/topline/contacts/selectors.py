from django.db.models import Q

from topline.contacts.models import Channel, Company, Contact, Purpose
from topline.core.distinct import distinct_values
from topline.core.search import exact_match, text_search
from topline.core.sorting import order_by_key

# Sort keys of the lists; each is served by an index that starts with the organization.
COMPANY_SORTS = {"name": ("name",)}
CONTACT_SORTS = {"name": ("last_name", "first_name"), "email": ("email",)}


def company_list(*, org, search: str = "", country: str = "", sort: str = "name"):
    qs = Company.objects.for_org(org)
    if search:
        qs = text_search(qs, search, ("name", "domain"))
    if country:
        qs = qs.filter(country=country)
    return order_by_key(qs, sort, COMPANY_SORTS, "name")


def contact_list(*, org, search: str = "", company=None, source: str = "", sort: str = "name"):
    qs = Contact.objects.for_org(org).select_related("company")
    if search:
        fields = ("first_name", "last_name", "email", "phone")
        # The list shows each contact's company: a search for it finds its people.
        companies = Company.objects.for_org(org)
        companies = text_search(companies, search, ("name",), page=False).values("id")
        # Their people by the company index, as ids: a plain `company__in` beside the
        # organization's own condition let SQLite scan the organization instead (85 ms at
        # 500,000 contacts). The companies are this organization's, so are their people, and
        # the list's query keeps its organization condition besides.
        people = Contact._base_manager.filter(company__in=companies).values("pk")
        also = [exact_match("external_id", search), Q(pk__in=people)]
        qs = text_search(qs, search, fields, also=also)
    if company:
        qs = qs.filter(company=company)
    if source:
        qs = qs.filter(source=source)
    return order_by_key(qs, sort, CONTACT_SORTS, "name")


def company_countries(*, org) -> list[str]:
    return distinct_values(Company, org, "country")  # index company_org_country


def contact_sources(*, org) -> list[str]:
    return distinct_values(Contact, org, "source")  # index contact_org_source


def consent_grid(*, contact) -> list[dict]:
    """One row per channel, one cell per purpose: the recorded consent or None (never asked)."""
    recorded = {(c.channel, c.purpose): c for c in contact.consents.all()}
    return [
        {
            "channel": channel,
            "label": label,
            "cells": [
                {"purpose": purpose, "consent": recorded.get((channel, purpose))}
                for purpose in Purpose.values
            ],
        }
        for channel, label in Channel.choices
    ]


def contact_matches(*, org, email: str):
    """Contacts a lead may already be: the same e-mail address, as typed or in lower case
    (an exact match is served by the (organization, email) index; iexact would scan)."""
    if not email:
        return Contact.objects.for_org(org).none()
    emails = {email, email.lower()}
    return Contact.objects.for_org(org).filter(email__in=emails).order_by("id")


def company_matches(*, org, name: str):
    """Companies a lead's company name may already be: the same name."""
    if not name:
        return Company.objects.for_org(org).none()
    return Company.objects.for_org(org).filter(name=name).order_by("id")


def company_contacts(*, company, limit: int = 50):
    return list(company.contacts.order_by("last_name", "first_name", "id")[:limit])


def contact_points(*, contact):
    """The contact's further e-mail addresses and phone numbers (the primary ones are fields)."""
    return list(contact.points.order_by("kind", "id"))
