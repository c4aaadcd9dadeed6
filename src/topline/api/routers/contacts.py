from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.api.auth import org
from topline.api.errors import READ, WRITE
from topline.api.idempotency import idempotent
from topline.api.inputs import member, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.common import Id
from topline.api.schemas.contacts import (
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    ContactQuery,
)
from topline.contacts.models import Company, Contact
from topline.contacts.selectors import contact_list
from topline.contacts.services import contact_create, contact_update

router = Router(tags=["contacts"])
REFS = {"company": row(Company), "owner": member}


@router.get("", response={200: ContactPage, **READ})
def list_contacts(request, query: Query[ContactQuery]):
    rows = contact_list(org=org(request), **filters(query))
    return paginate(request, rows, query)


@router.get("/{contact_id}", response={200: ContactOut, **READ})
def get_contact(request, contact_id: Id):
    return get_object_or_404(contact_list(org=org(request)), pk=contact_id)


@router.post("", response={201: ContactOut, **WRITE})
@idempotent(ContactOut)
def create_contact(request, payload: ContactIn):
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    return contact_create(organization=org(request), **fields)


@router.patch("/{contact_id}", response={200: ContactOut, **WRITE})
@transaction.atomic
def update_contact(request, contact_id: Id, payload: ContactPatch):
    contact = get_object_or_404(Contact.objects.for_org(org(request)), pk=contact_id)
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    return contact_update(contact=contact, **fields)
