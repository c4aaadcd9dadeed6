import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from topline.api.schemas.common import Day, InSchema, MoneyIn, Page, PageQuery, Ref, sort_keys
from topline.leads.selectors import LEAD_SORTS

Status = Literal["new", "working", "qualified", "converted", "disqualified"]


LeadSort = sort_keys(LEAD_SORTS)


class LeadOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    company_name: str
    source: str = Field(description="the channel the lead came from (first touch)")
    campaign: str
    landing_page: str
    status: str
    score: int
    owner: int | None = Field(validation_alias="owner_id", description="user id")
    captured_on: dt.date
    converted_on: dt.date | None
    converted_contact: int | None = Field(validation_alias="converted_contact_id")
    converted_company: int | None = Field(validation_alias="converted_company_id")
    converted_deal: int | None = Field(validation_alias="converted_deal_id")
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class LeadPage(Page[LeadOut]):
    pass


class LeadIn(InSchema):
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    company_name: str = ""
    source: str = ""
    campaign: str = ""
    landing_page: str = ""
    status: Status = Field("new", description="'converted' only through /convert")
    score: StrictInt = Field(0, ge=-32768, le=32767)
    owner: Ref | None = Field(None, description="user id")
    captured_on: Day | None = Field(None, description="day of first contact; today if left out")
    external_id: str = ""


class LeadPatch(InSchema):
    """Only the fields sent are changed. (`str = None`: may be left out, never null.)"""

    first_name: str = None
    last_name: str = None
    email: str = None
    phone: str = None
    company_name: str = None
    source: str = None
    campaign: str = None
    landing_page: str = None
    status: Status = None
    score: StrictInt = Field(None, ge=-32768, le=32767)
    owner: Ref | None = None
    captured_on: Day = None
    external_id: str = None


class LeadConvertIn(InSchema):
    contact: Ref | None = Field(None, description="an existing contact; else one is created")
    company: Ref | None = Field(None, description="an existing company; else from company_name")
    create_deal: StrictBool = True
    deal_title: str = ""
    deal_amount: MoneyIn | None = None
    deal_stage: Ref | None = Field(None, description="stage id; the default pipeline's first")
    converted_on: Day | None = Field(None, description="today if left out")


class LeadQuery(PageQuery):
    q: str = Field(
        "", description="each word in names, e-mail, phone or company; exact external id"
    )
    sort: LeadSort = "-captured_on"
    source: str = Field("", description="'(none)' for leads without a source")
    status: Literal["", "new", "working", "qualified", "converted", "disqualified"] = ""
