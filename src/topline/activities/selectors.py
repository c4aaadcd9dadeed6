from topline.activities.models import Activity


def timeline(*, org, limit: int = 100, **record):
    """Activities of one record, newest first."""
    ((field, obj),) = record.items()
    return list(
        Activity.objects.for_org(org)
        .filter(**{field: obj})
        .select_related("owner")
        .order_by("-occurred_at", "-id")[:limit]
    )
