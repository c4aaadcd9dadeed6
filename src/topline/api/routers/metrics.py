from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from pydantic import Field

from topline.analytics.metrics import metrics_report
from topline.api.auth import org
from topline.api.errors import READ
from topline.api.schemas.common import Day

router = Router(tags=["metrics"])


class Period(Schema):
    date_from: Day | None = Field(None, alias="from", description="first day, inclusive")
    date_to: Day | None = Field(None, alias="to", description="last day, inclusive")


@router.get("", response={200: dict, **READ})
def metrics(request, period: Query[Period]):
    """The revenue metrics report: the same object `topline metrics --json` prints
    (definitions in docs/metrics.md). A missing bound is open-ended."""
    if period.date_from and period.date_to and period.date_from > period.date_to:
        raise ValidationError({"from": "must be on or before 'to'."})
    return metrics_report(org(request), period.date_from, period.date_to)
