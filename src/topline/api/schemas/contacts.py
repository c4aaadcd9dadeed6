import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field, StrictBool

from topline.api.schemas.common import Id, InSchema, Page, PageQuery, Ref, sort_keys
from topline.contacts.selectors import CONTACT_SORTS

Channel = Literal["email", "phone", "sms", "post", ""]


ContactSort = sort_keys(CONTACT_SORTS)


class ContactOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    title: str
    company: int | None = Field(validation_alias="company_id")
    country: str
    time_zone: str
    preferred_channel: str
    do_not_contact: bool
    owner: int | None = Field(validation_alias="owner_id", description="user id")
    source: str = Field(description="first-touch lead source")
    campaign: str
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ContactPage(Page[ContactOut]):
    pass


class ContactIn(InSchema):
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    title: str = ""
    company: Ref | None = Field(None, description="company id")
    country: str = ""
    time_zone: str = Field("UTC", description="IANA name, e.g. Europe/London")
    preferred_channel: Channel = ""
    do_not_contact: StrictBool = False
    owner: Ref | None = Field(None, description="user id")
    source: str = ""
    campaign: str = ""
    external_id: str = ""


class ContactPatch(InSchema):
    """Only the fields sent are changed. (`str = None`: may be left out, never null.)"""

    first_name: str = None
    last_name: str = None
    email: str = None
    phone: str = None
    title: str = None
    company: Ref | None = None
    country: str = None
    time_zone: str = None
    preferred_channel: Channel = None
    do_not_contact: StrictBool = None
    owner: Ref | None = None
    source: str = None
    campaign: str = None
    external_id: str = None


class ContactQuery(PageQuery):
    q: str = Field("", description="each word in names, e-mail or phone; exact external id")
    sort: ContactSort = "name"
    company: Id | None = Field(None, description="company id")
    source: str = ""
