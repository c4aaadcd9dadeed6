from django.db.models import Count, Prefetch, Q, Sum

from topline.contacts.models import Company
from topline.core.search import text_search
from topline.core.sorting import order_by_key
from topline.deals.models import Deal, Pipeline, Stage

# Sort keys of the deal list; each is served by an index that starts with the organization.
DEAL_SORTS = {"close_date": ("close_date",), "amount": ("amount_micros",)}


def deal_list(
    *, org, search="", stage=None, owner=None, close_from=None, close_to=None, sort="-close_date"
):
    qs = Deal.objects.for_org(org).select_related("stage", "company", "owner")
    if search:
        # A subquery, not a join: on 500,000 deals the scan is twice as fast.
        companies = Company.objects.for_org(org)
        companies = text_search(companies, search, ("name",), page=False).values("id")
        qs = text_search(qs, search, ("title",), also=[Q(company__in=companies)])
    if stage:
        qs = qs.filter(stage=stage)
    qs = board_filter(qs, owner=owner, close_from=close_from, close_to=close_to)
    return order_by_key(qs, sort, DEAL_SORTS, "-close_date")


def board_filter(qs, *, owner=None, close_from=None, close_to=None):
    if owner:
        qs = qs.filter(owner=owner)
    if close_from:
        qs = qs.filter(close_date__gte=close_from)
    if close_to:
        qs = qs.filter(close_date__lte=close_to)
    return qs


def board_totals(*, org, stages, owner=None, close_from=None, close_to=None) -> dict:
    """{stage id: {"n": count, "total": Σ amount}} of the deals on the board. Filtering by the
    stages (not the pipeline) lets (organization, stage, amount_micros) answer it alone."""
    deals = board_filter(
        Deal.objects.for_org(org).filter(stage__in=[stage.id for stage in stages]),
        owner=owner,
        close_from=close_from,
        close_to=close_to,
    )
    rows = deals.values("stage").annotate(n=Count("id"), total=Sum("amount_micros")).order_by()
    return {row["stage"]: {"n": row["n"], "total": row["total"] or 0} for row in rows}


def board_columns(stages, totals: dict, per_stage: int) -> list[dict]:
    """Board column headers: each stage with its count, total and how many cards are hidden."""
    columns = []
    for stage in stages:
        row = totals.get(stage.id, {"n": 0, "total": 0})
        more = max(0, row["n"] - per_stage)
        columns.append({"stage": stage, "count": row["n"], "total": row["total"], "more": more})
    return columns


def board(*, org, pipeline, owner=None, close_from=None, close_to=None, per_stage: int = 50):
    """Columns of the pipeline board: each stage with its count, total and biggest cards."""
    stages = pipeline_stages(org=org, pipeline=pipeline)
    filters = {"owner": owner, "close_from": close_from, "close_to": close_to}
    columns = board_columns(stages, board_totals(org=org, stages=stages, **filters), per_stage)
    deals = board_filter(Deal.objects.for_org(org), **filters).select_related("company", "owner")
    for column in columns:
        column["cards"] = (
            list(deals.filter(stage=column["stage"]).order_by("-amount_micros", "id")[:per_stage])
            if column["count"]
            else []
        )
    return columns


def pipeline_stages(*, org, pipeline) -> list[Stage]:
    return list(Stage.objects.for_org(org).filter(pipeline=pipeline).order_by("order"))


def deals_for(*, org, company=None, contact=None, limit: int = 50):
    """The deals of one customer, latest close date first."""
    qs = Deal.objects.for_org(org).select_related("stage", "owner")
    qs = qs.filter(company=company) if company is not None else qs.filter(contact=contact)
    return list(qs.order_by("-close_date", "-id")[:limit])


def stage_history(*, deal):
    """The deal's stage moves, oldest first."""
    return list(deal.stage_changes.select_related("from_stage", "to_stage", "changed_by"))


def stage_open_filter():
    return Q(stage__kind=Stage.Kind.OPEN)


def pipeline_list(*, org):
    """The organization's pipelines, default first, each with its stages in board order."""
    stages = Prefetch("stages", queryset=Stage.objects.for_org(org).order_by("order"))
    return Pipeline.objects.for_org(org).prefetch_related(stages).order_by("-is_default", "name")
