import datetime as dt

from ninja import Schema
from pydantic import Field, StrictInt

from topline.api.schemas.common import InSchema, Page, PageQuery, Ref, sort_keys
from topline.contacts.selectors import COMPANY_SORTS

CompanySort = sort_keys(COMPANY_SORTS)


class CompanyOut(Schema):
    id: int
    name: str
    domain: str
    industry: str
    country: str
    employees: int | None
    year_established: int | None
    parent: int | None = Field(validation_alias="parent_id")
    owner: int | None = Field(validation_alias="owner_id", description="user id")
    source: str = Field(description="first-touch lead source")
    campaign: str
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CompanyPage(Page[CompanyOut]):
    pass


class CompanyIn(InSchema):
    name: str
    domain: str = ""
    industry: str = ""
    country: str = ""
    employees: StrictInt | None = Field(None, ge=0, le=2**31 - 1)
    year_established: StrictInt | None = Field(None, ge=0, le=32767)
    parent: Ref | None = Field(None, description="company id")
    owner: Ref | None = Field(None, description="user id")
    source: str = ""
    campaign: str = ""
    external_id: str = ""


class CompanyPatch(InSchema):
    """Only the fields sent are changed. (`str = None`: may be left out, never null.)"""

    name: str = None
    domain: str = None
    industry: str = None
    country: str = None
    employees: StrictInt | None = Field(None, ge=0, le=2**31 - 1)
    year_established: StrictInt | None = Field(None, ge=0, le=32767)
    parent: Ref | None = None
    owner: Ref | None = None
    source: str = None
    campaign: str = None
    external_id: str = None


class CompanyQuery(PageQuery):
    q: str = Field("", description="in name and domain")
    sort: CompanySort = "name"
    country: str = ""
