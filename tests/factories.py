"""Test data made through the same services the product uses."""

import datetime as dt
import itertools

from topline.accounts.models import Role
from topline.accounts.services import organization_create, user_create
from topline.contacts.services import company_create, contact_create
from topline.deals.services import deal_create, pipeline_default
from topline.leads.services import lead_create

_seq = itertools.count(1)


def org_make(name: str | None = None, currency: str = "USD"):
    n = next(_seq)
    name = name or f"Org {n}"
    return organization_create(name=name, slug=f"org-{n}", currency=currency)


def user_make(org, role: str = Role.OWNER, password: str = "correct-horse-42"):
    n = next(_seq)
    return user_create(
        username=f"user{n}", password=password, organization=org, role=role, first_name=f"User{n}"
    )


def company_make(org, **fields):
    fields.setdefault("name", f"Company {next(_seq)}")
    return company_create(organization=org, **fields)


def contact_make(org, **fields):
    n = next(_seq)
    fields.setdefault("first_name", "Pat")
    fields.setdefault("last_name", f"Lee{n}")
    fields.setdefault("email", f"pat{n}@example.com")
    return contact_create(organization=org, **fields)


def lead_make(org, **fields):
    n = next(_seq)
    fields.setdefault("first_name", "Sam")
    fields.setdefault("last_name", f"Lead{n}")
    fields.setdefault("source", "web")
    fields.setdefault("captured_on", dt.date(2024, 3, 1))
    return lead_create(organization=org, **fields)


def deal_make(org, stage_name: str = "Qualified", amount="1000", **fields):
    pipeline = pipeline_default(organization=org)
    stage = pipeline.stages.get(name=stage_name)
    fields.setdefault("title", f"Deal {next(_seq)}")
    return deal_create(organization=org, stage=stage, amount=amount, **fields)
