from django.db.models import Count, Prefetch, Q, Sum

from topline.deals.models import Deal, Pipeline, Stage


def deal_list(*, org, search="", stage=None, owner=None, sort="-close_date"):
    qs = Deal.objects.for_org(org).select_related("stage", "company", "owner")
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(company__name__icontains=search))
    if stage:
        qs = qs.filter(stage=stage)
    if owner:
        qs = qs.filter(owner=owner)
    return qs.order_by(sort, "id")


def board_filter(qs, *, owner=None, close_from=None, close_to=None):
    if owner:
        qs = qs.filter(owner=owner)
    if close_from:
        qs = qs.filter(close_date__gte=close_from)
    if close_to:
        qs = qs.filter(close_date__lte=close_to)
    return qs


def board(*, org, pipeline, owner=None, close_from=None, close_to=None, per_stage: int = 50):
    """Columns of the pipeline board: each stage with its count, total and first cards."""
    stages = list(Stage.objects.for_org(org).filter(pipeline=pipeline).order_by("order"))
    deals = board_filter(
        Deal.objects.for_org(org).filter(pipeline=pipeline),
        owner=owner,
        close_from=close_from,
        close_to=close_to,
    )
    totals = {
        row["stage"]: row
        for row in deals.values("stage").annotate(n=Count("id"), total=Sum("amount_micros"))
    }
    columns = []
    for stage in stages:
        cards = list(
            deals.filter(stage=stage)
            .select_related("company", "owner")
            .order_by("-amount_micros", "id")[:per_stage]
        )
        row = totals.get(stage.id, {"n": 0, "total": 0})
        columns.append(
            {"stage": stage, "count": row["n"], "total": row["total"] or 0, "cards": cards}
        )
    return columns


def stage_open_filter():
    return Q(stage__kind=Stage.Kind.OPEN)


def pipeline_list(*, org):
    """The organization's pipelines, default first, each with its stages in board order."""
    stages = Prefetch("stages", queryset=Stage.objects.for_org(org).order_by("order"))
    return Pipeline.objects.for_org(org).prefetch_related(stages).order_by("-is_default", "name")
