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


def activity_list(
    *,
    org,
    kind: str = "",
    company=None,
    contact=None,
    lead=None,
    deal=None,
    done: bool | None = None,
    date_from=None,
    date_to=None,
):
    """Activities of the organization, newest first; days are compared in UTC."""
    qs = Activity.objects.for_org(org)
    if kind:
        qs = qs.filter(kind=kind)
    records = {"company": company, "contact": contact, "lead": lead, "deal": deal}
    for field, value in records.items():
        if value:
            qs = qs.filter(**{field: value})
    if done is not None:
        qs = qs.filter(done=done)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs.order_by("-occurred_at", "-id")
