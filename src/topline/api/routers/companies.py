from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.api.auth import org
from topline.api.errors import READ, WRITE
from topline.api.idempotency import idempotent
from topline.api.inputs import member, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.common import Id
from topline.api.schemas.companies import (
    CompanyIn,
    CompanyOut,
    CompanyPage,
    CompanyPatch,
    CompanyQuery,
)
from topline.contacts.models import Company
from topline.contacts.selectors import company_list
from topline.contacts.services import company_create, company_update

router = Router(tags=["companies"])
REFS = {"parent": row(Company), "owner": member}


@router.get("", response={200: CompanyPage, **READ})
def list_companies(request, query: Query[CompanyQuery]):
    rows = company_list(org=org(request), **filters(query))
    return paginate(request, rows, query)


@router.get("/{company_id}", response={200: CompanyOut, **READ})
def get_company(request, company_id: Id):
    return get_object_or_404(company_list(org=org(request)), pk=company_id)


@router.post("", response={201: CompanyOut, **WRITE})
@idempotent(CompanyOut)
def create_company(request, payload: CompanyIn):
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    return company_create(organization=org(request), **fields)


@router.patch("/{company_id}", response={200: CompanyOut, **WRITE})
@transaction.atomic
def update_company(request, company_id: Id, payload: CompanyPatch):
    company = get_object_or_404(Company.objects.for_org(org(request)), pk=company_id)
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    return company_update(company=company, **fields)
