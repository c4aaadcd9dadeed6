from django.shortcuts import get_object_or_404
from ninja import Query, Router

from topline.activities.models import Activity
from topline.activities.selectors import activity_list
from topline.activities.services import activity_complete, activity_create
from topline.api.auth import org
from topline.api.errors import READ, WRITE
from topline.api.idempotency import idempotent
from topline.api.inputs import member, resolve, row
from topline.api.pagination import filters, paginate
from topline.api.schemas.activities import (
    ActivityIn,
    ActivityOut,
    ActivityPage,
    ActivityPatch,
    ActivityQuery,
)
from topline.api.schemas.common import Id
from topline.contacts.models import Company, Contact
from topline.deals.models import Deal
from topline.leads.models import Lead

router = Router(tags=["activities"])
REFS = {
    "owner": member,
    "company": row(Company),
    "contact": row(Contact),
    "lead": row(Lead),
    "deal": row(Deal),
}


@router.get("", response={200: ActivityPage, **READ})
def list_activities(request, query: Query[ActivityQuery]):
    return paginate(request, activity_list(org=org(request), **filters(query)), query)


@router.get("/{activity_id}", response={200: ActivityOut, **READ})
def get_activity(request, activity_id: Id):
    return get_object_or_404(Activity.objects.for_org(org(request)), pk=activity_id)


@router.post("", response={201: ActivityOut, **WRITE})
@idempotent(ActivityOut)
def create_activity(request, payload: ActivityIn):
    fields = resolve(org(request), payload.model_dump(exclude_unset=True), REFS)
    return activity_create(organization=org(request), **fields)


@router.patch("/{activity_id}", response={200: ActivityOut, **WRITE})
def update_activity(request, activity_id: Id, payload: ActivityPatch):
    """Only `{"done": true}`: the timeline is a log, and a finished task stays finished."""
    activity = get_object_or_404(Activity.objects.for_org(org(request)), pk=activity_id)
    return activity_complete(activity=activity)
