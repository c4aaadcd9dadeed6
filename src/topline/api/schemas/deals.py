import datetime as dt

from ninja import Schema
from pydantic import Field

from topline.api.schemas.common import (
    Day,
    Id,
    InSchema,
    Money,
    MoneyIn,
    Page,
    PageQuery,
    Ref,
    sort_keys,
)
from topline.deals.selectors import DEAL_SORTS

DealSort = sort_keys(DEAL_SORTS)


class DealOut(Schema):
    id: int
    title: str
    pipeline: int = Field(validation_alias="pipeline_id")
    stage: int = Field(validation_alias="stage_id")
    status: str = Field(description="open, won or lost: the kind of the deal's stage")
    company: int | None = Field(validation_alias="company_id")
    contact: int | None = Field(validation_alias="contact_id")
    owner: int | None = Field(validation_alias="owner_id", description="user id")
    amount: Money
    engaged_on: dt.date | None
    close_date: dt.date | None = Field(description="expected while open; actual once closed")
    source: str
    campaign: str
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_status(deal) -> str:
        return deal.stage.kind

    @staticmethod
    def resolve_amount(deal) -> Money:
        return Money.of(deal.amount_micros, deal.currency)


class DealPage(Page[DealOut]):
    pass


class DealIn(InSchema):
    title: str
    stage: Ref | None = Field(None, description="stage id; the default pipeline's first stage")
    amount: MoneyIn | None = None
    company: Ref | None = Field(None, description="company id")
    contact: Ref | None = Field(None, description="contact id")
    owner: Ref | None = Field(None, description="user id")
    engaged_on: Day | None = None
    close_date: Day | None = None
    source: str = ""
    campaign: str = ""
    external_id: str = ""


class DealPatch(InSchema):
    """Only the fields sent are changed. The stage changes through /move; the currency
    never does. (`str = None`: may be left out, never null.)"""

    title: str = None
    amount: MoneyIn = None
    company: Ref | None = None
    contact: Ref | None = None
    owner: Ref | None = None
    engaged_on: Day | None = None
    close_date: Day | None = None
    source: str = None
    campaign: str = None


class DealMoveIn(InSchema):
    stage: Ref = Field(description="a stage of the deal's pipeline")
    close_date: Day | None = Field(None, description="for won/lost; today if left out")


class DealQuery(PageQuery):
    q: str = Field("", description="every word in the title, or every word in the company's name")
    sort: DealSort = "-close_date"
    stage: Id | None = Field(None, description="stage id")
    owner: Id | None = Field(None, description="user id")
    close_from: Day | None = Field(None, description="close date on or after")
    close_to: Day | None = Field(None, description="close date on or before")


class StageOut(Schema):
    id: int
    name: str
    order: int
    probability: int = Field(description="percent")
    kind: str = Field(description="open, won or lost")


class PipelineOut(Schema):
    id: int
    name: str
    is_default: bool
    stages: list[StageOut]
