from django.core.exceptions import ValidationError
from django.utils import timezone

from topline.activities.models import Activity

RECORD_FIELDS = ("company", "contact", "lead", "deal")


def activity_create(
    *,
    organization,
    kind: str,
    subject: str = "",
    body: str = "",
    occurred_at=None,
    due_at=None,
    done: bool = False,
    owner=None,
    **record,
) -> Activity:
    """Log an activity on one or more records (a call on a deal is also on its contact)."""
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    linked = {k: v for k, v in record.items() if v is not None}
    if not linked:
        # Named by the first field that could fix it: the UI and the API both send these.
        raise ValidationError({"company": "link the activity to a company, contact, lead or deal"})
    for field, obj in linked.items():
        if obj.organization_id != organization.id:
            raise ValidationError({field: "belongs to another organization"})
    if kind == Activity.Kind.TASK and due_at is None:
        raise ValidationError({"due_at": "a task needs a due date"})
    activity = Activity(
        organization=organization,
        kind=kind,
        subject=subject,
        body=body,
        occurred_at=occurred_at or timezone.now(),
        due_at=due_at,
        done=done,
        owner=owner,
        **linked,
    )
    activity.full_clean(exclude=["organization"], validate_constraints=False)
    if not (subject or body):
        raise ValidationError({"body": "write a subject or a body"})
    activity.save()
    return activity


def activity_complete(*, activity: Activity) -> Activity:
    activity.done = True
    activity.save(update_fields=["done", "updated_at"])
    return activity
