import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field, StrictBool

from topline.api.schemas.common import Day, Id, InSchema, Moment, Page, PageQuery, Ref

Kind = Literal["note", "call", "email", "meeting", "task"]


class ActivityOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    occurred_at: dt.datetime
    due_at: dt.datetime | None
    done: bool
    owner: int | None = Field(validation_alias="owner_id", description="user id")
    company: int | None = Field(validation_alias="company_id")
    contact: int | None = Field(validation_alias="contact_id")
    lead: int | None = Field(validation_alias="lead_id")
    deal: int | None = Field(validation_alias="deal_id")
    created_at: dt.datetime
    updated_at: dt.datetime


class ActivityPage(Page[ActivityOut]):
    pass


class ActivityIn(InSchema):
    """An activity belongs to at least one of company, contact, lead and deal."""

    kind: Kind
    subject: str = ""
    body: str = ""
    occurred_at: Moment | None = Field(None, description="now if left out")
    due_at: Moment | None = Field(None, description="required for a task")
    done: StrictBool = False
    owner: Ref | None = Field(None, description="user id")
    company: Ref | None = None
    contact: Ref | None = None
    lead: Ref | None = None
    deal: Ref | None = None


class ActivityPatch(InSchema):
    """Activities are a log: the one change is marking a task done."""

    done: Literal[True]


class ActivityQuery(PageQuery):
    kind: Literal["", "note", "call", "email", "meeting", "task"] = ""
    company: Id | None = None
    contact: Id | None = None
    lead: Id | None = None
    deal: Id | None = None
    done: bool | None = None
    date_from: Day | None = Field(None, description="occurred on or after (UTC day)")
    date_to: Day | None = Field(None, description="occurred on or before (UTC day)")
